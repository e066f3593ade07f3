namespace MythicDot.Messages;

/// <summary>The end of a streamed message's content (<c>message_delta</c>): why the model stopped, and the output tokens.</summary>
public sealed class MessageDeltaEvent : MessageStreamEvent
{
    /// <summary>Gets or sets the stop reason and stop sequence.</summary>
    public MessageDelta? Delta { get; init; }

    /// <summary>Gets or sets the token counts so far; <see cref="MessageDeltaUsage.OutputTokens"/> is the total.</summary>
    public MessageDeltaUsage? Usage { get; init; }

    /// <summary>Gets or sets the <c>message_start</c> of the stream, which the reader attaches for telemetry (model, id, input tokens).</summary>
    internal MessageStartEvent? Start { get; set; }

    internal override string? TelemetryModel => Start?.TelemetryModel;

    internal override string? TelemetryId => Start?.TelemetryId;

    internal override Usage? TelemetryUsage => Usage is { } usage
        ? MessageUsage.ForTelemetry(usage.InputTokens ?? Start?.Message?.Usage?.InputTokens ?? 0, usage.OutputTokens)
        : null;
}
