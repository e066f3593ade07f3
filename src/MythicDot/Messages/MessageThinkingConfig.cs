namespace MythicDot.Messages;

/// <summary>Extended thinking for a request (<c>thinking</c>): on, with a budget of tokens the model may think in, or off.</summary>
/// <remarks>Turning it on sends the beta header <c>mythicdot-beta: extended-thinking-2025-01</c>, unless the call or the client already sets a
/// <c>mythicdot-beta</c> header. The reply then starts with <see cref="MessageContentBlockType.Thinking"/> blocks (<see cref="Message.Thinking"/>).</remarks>
public sealed class MessageThinkingConfig
{
    /// <summary>The smallest budget the API accepts, in tokens.</summary>
    public const int MinBudgetTokens = 1024;

    /// <summary>Gets or sets whether thinking is on.</summary>
    public MessageThinkingType Type { get; set; }

    /// <summary>Gets or sets, when thinking is on, how many tokens the model may think in: at least <see cref="MinBudgetTokens"/>,
    /// and less than <see cref="MessageRequest.MaxTokens"/> (thinking counts towards it).</summary>
    public int? BudgetTokens { get; set; }

    /// <summary>Creates the setting that turns thinking on.</summary>
    /// <param name="budgetTokens">How many tokens the model may think in: at least <see cref="MinBudgetTokens"/>, less than the request's <c>MaxTokens</c>.</param>
    /// <returns>The setting.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="budgetTokens"/> is below <see cref="MinBudgetTokens"/>.</exception>
    public static MessageThinkingConfig Enabled(int budgetTokens)
    {
        if (budgetTokens < MinBudgetTokens)
        {
            throw new ArgumentOutOfRangeException(nameof(budgetTokens), budgetTokens, $"The thinking budget must be at least {MinBudgetTokens} tokens.");
        }

        return new() { Type = MessageThinkingType.Enabled, BudgetTokens = budgetTokens };
    }

    /// <summary>Creates the setting that turns thinking off.</summary>
    /// <returns>The setting.</returns>
    public static MessageThinkingConfig Disabled() => new() { Type = MessageThinkingType.Disabled };
}
