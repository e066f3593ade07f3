using System.Text.Json;
using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Chat;

/// <summary>The response of <c>POST /chat/completions</c>.</summary>
public sealed class ChatCompletion : ApiResponse
{
    private IReadOnlyList<ChatChoice> _choices = [];

    /// <summary>Gets or sets the completion id, for example <c>chatcmpl-abc123</c>.</summary>
    public string Id
    {
        get => _id;
        init => _id = value ?? string.Empty;
    }

    // A member the body leaves out arrives here as null from the generated deserializer: it keeps the default.
    private string _id = string.Empty;

    /// <summary>Gets or sets the object type, <c>chat.completion</c>.</summary>
    [JsonPropertyName("object")]
    public string ObjectType
    {
        get => _objectType;
        init => _objectType = value ?? "chat.completion";
    }

    // A member the body leaves out arrives here as null from the generated deserializer: it keeps the default.
    private string _objectType = "chat.completion";

    /// <summary>Gets or sets when the completion was created.</summary>
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset Created { get; init; }

    /// <summary>Gets or sets the model that answered.</summary>
    public string Model
    {
        get => _model;
        init => _model = value ?? string.Empty;
    }

    // A member the body leaves out arrives here as null from the generated deserializer: it keeps the default.
    private string _model = string.Empty;

    /// <summary>Gets or sets the answers; one unless more were asked for.</summary>
    /// <remarks>A <c>null</c> sent by the server, or set, reads as no choices.</remarks>
    public IReadOnlyList<ChatChoice> Choices
    {
        get => _choices;
        init => _choices = value ?? [];
    }

    /// <summary>Gets or sets the token counts.</summary>
    public Usage? Usage { get; init; }

    internal override string? TelemetryModel => Model;

    internal override string? TelemetryId => Id;

    internal override Usage? TelemetryUsage => Usage;
}
