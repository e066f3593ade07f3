namespace MythicDot.Realtime;

/// <summary>The tokens one realtime response used. The per-kind details (text, audio, cached) stay in <see cref="ApiObject.AdditionalProperties"/>.</summary>
public sealed class RealtimeUsage : ApiObject
{
    /// <summary>Gets the input and output tokens together.</summary>
    public int TotalTokens { get; init; }

    /// <summary>Gets the input tokens (the conversation so far, text and audio).</summary>
    public int InputTokens { get; init; }

    /// <summary>Gets the output tokens (text and audio).</summary>
    public int OutputTokens { get; init; }
}
