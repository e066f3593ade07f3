using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Chat;

/// <summary>How the model may use tools (<c>tool_choice</c> as a string). An open set: a mode the SDK does not know is kept, not rejected.</summary>
/// <remarks>The API's default, when tools are given and no choice is sent, is <see cref="Auto"/>.</remarks>
[JsonConverter(typeof(ChatToolChoiceModeConverter))]
public readonly struct ChatToolChoiceMode : IEquatable<ChatToolChoiceMode>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance of the <see cref="ChatToolChoiceMode"/> struct.</summary>
    /// <param name="value">The mode as the API spells it.</param>
    public ChatToolChoiceMode(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>none</c>: the model must not call a tool.</summary>
    public static ChatToolChoiceMode None { get; } = new("none");

    /// <summary>Gets <c>auto</c>: the model decides (the API's default when tools are given).</summary>
    public static ChatToolChoiceMode Auto { get; } = new("auto");

    /// <summary>Gets <c>required</c>: the model must call at least one tool.</summary>
    public static ChatToolChoiceMode Required { get; } = new("required");

    /// <summary>Gets the mode as the API spells it.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two modes.</summary>
    /// <param name="left">The first mode.</param>
    /// <param name="right">The second mode.</param>
    /// <returns>Whether they are the same mode.</returns>
    public static bool operator ==(ChatToolChoiceMode left, ChatToolChoiceMode right) => left.Equals(right);

    /// <summary>Compares two modes.</summary>
    /// <param name="left">The first mode.</param>
    /// <param name="right">The second mode.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(ChatToolChoiceMode left, ChatToolChoiceMode right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(ChatToolChoiceMode other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ChatToolChoiceMode other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>Reads and writes <see cref="ChatToolChoiceMode"/>.</summary>
internal sealed class ChatToolChoiceModeConverter : StringValueConverter<ChatToolChoiceMode>
{
    protected override ChatToolChoiceMode Create(string value) => new(value);
}
