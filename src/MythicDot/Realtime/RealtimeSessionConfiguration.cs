using System.Text.Json;
using System.Text.Json.Serialization;

namespace MythicDot.Realtime;

/// <summary>The configuration of a realtime session: sent in <c>session.update</c> (set only what should change), and returned in
/// <c>session.created</c> and <c>session.updated</c> (the whole session, its id and model included).</summary>
/// <remarks>Build one with an object initializer: <c>new() { Voice = RealtimeVoice.Nova, Instructions = "Be brief." }</c>. A property
/// left <see langword="null"/> is not sent, so the server keeps its value.</remarks>
public sealed class RealtimeSessionConfiguration : ApiObject
{
    /// <summary>Gets the session's id (for example <c>sess_...</c>); set by the server, not sent.</summary>
    public string? Id { get; init; }

    /// <summary>Gets the object type the server names, <c>realtime.session</c>.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; init; }

    /// <summary>Gets or sets the model that serves the session.</summary>
    public string? Model { get; init; }

    /// <summary>Gets or sets what the model answers with: <see cref="RealtimeModality.Text"/>, <see cref="RealtimeModality.Audio"/>, or both.</summary>
    public IReadOnlyList<RealtimeModality>? Modalities { get; init; }

    /// <summary>Gets or sets the voice of audio answers; the documented voices are the static members of <see cref="RealtimeVoice"/>.</summary>
    public RealtimeVoice? Voice { get; init; }

    /// <summary>Gets or sets the system instructions the model follows for the whole session.</summary>
    public string? Instructions { get; init; }

    /// <summary>Gets or sets the encoding of the audio sent with <see cref="InputAudioBufferAppendEvent"/>; the API's default is <see cref="RealtimeAudioFormat.Pcm16"/>.</summary>
    public RealtimeAudioFormat? InputAudioFormat { get; init; }

    /// <summary>Gets or sets the encoding of the audio the model answers with; the API's default is <see cref="RealtimeAudioFormat.Pcm16"/>.</summary>
    public RealtimeAudioFormat? OutputAudioFormat { get; init; }

    /// <summary>Gets or sets the turn detection as the API shapes it (for example <c>{"type":"server_vad","silence_duration_ms":500}</c>),
    /// or a JSON <c>null</c> to turn it off and commit the input audio yourself.</summary>
    public JsonElement? TurnDetection { get; init; }

    /// <summary>Gets or sets the tools (functions) the model may call.</summary>
    public IReadOnlyList<RealtimeTool>? Tools { get; init; }

    /// <summary>Gets or sets how the model chooses tools: <c>auto</c>, <c>none</c> or <c>required</c>.</summary>
    public string? ToolChoice { get; init; }

    /// <summary>Gets or sets the sampling temperature.</summary>
    public double? Temperature { get; init; }
}
