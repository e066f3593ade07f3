using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Chat;

/// <summary>The author of a chat message. An open set: a role the SDK does not know is kept, not rejected.</summary>
[JsonConverter(typeof(ChatRoleConverter))]
public readonly struct ChatRole : IEquatable<ChatRole>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance of the <see cref="ChatRole"/> struct.</summary>
    /// <param name="value">The role as the API spells it.</param>
    public ChatRole(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets the <c>system</c> role: instructions for the model.</summary>
    public static ChatRole System { get; } = new("system");

    /// <summary>Gets the <c>developer</c> role: the application developer's instructions, which newer models weigh as <see cref="System"/> ones.</summary>
    public static ChatRole Developer { get; } = new("developer");

    /// <summary>Gets the <c>user</c> role.</summary>
    public static ChatRole User { get; } = new("user");

    /// <summary>Gets the <c>assistant</c> role: the model's replies.</summary>
    public static ChatRole Assistant { get; } = new("assistant");

    /// <summary>Gets the <c>tool</c> role: the result of a tool call.</summary>
    public static ChatRole Tool { get; } = new("tool");

    /// <summary>Gets the role as the API spells it.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two roles.</summary>
    /// <param name="left">The first role.</param>
    /// <param name="right">The second role.</param>
    /// <returns>Whether they are the same role.</returns>
    public static bool operator ==(ChatRole left, ChatRole right) => left.Equals(right);

    /// <summary>Compares two roles.</summary>
    /// <param name="left">The first role.</param>
    /// <param name="right">The second role.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(ChatRole left, ChatRole right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(ChatRole other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ChatRole other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>Reads and writes <see cref="ChatRole"/>.</summary>
internal sealed class ChatRoleConverter : StringValueConverter<ChatRole>
{
    protected override ChatRole Create(string value) => new(value);
}
