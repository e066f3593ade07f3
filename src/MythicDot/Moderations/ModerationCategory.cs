using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Moderations;

/// <summary>A category of content a moderation model checks for (a key of <see cref="ModerationResult.Categories"/>). An open set: a category the SDK does not know is kept, not rejected.</summary>
[JsonConverter(typeof(ModerationCategoryConverter))]
public readonly struct ModerationCategory : IEquatable<ModerationCategory>
{
    private readonly string? _value;

    /// <summary>Initializes a new instance of the <see cref="ModerationCategory"/> struct.</summary>
    /// <param name="value">The category as the API spells it.</param>
    public ModerationCategory(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    /// <summary>Gets <c>harassment</c>: harassing language towards any target.</summary>
    public static ModerationCategory Harassment { get; } = new("harassment");

    /// <summary>Gets <c>harassment/threatening</c>: harassment that also includes violence or serious harm.</summary>
    public static ModerationCategory HarassmentThreatening { get; } = new("harassment/threatening");

    /// <summary>Gets <c>hate</c>: hate based on race, gender, ethnicity, religion, nationality, sexual orientation, disability or caste.</summary>
    public static ModerationCategory Hate { get; } = new("hate");

    /// <summary>Gets <c>hate/threatening</c>: hateful content that also includes violence or serious harm.</summary>
    public static ModerationCategory HateThreatening { get; } = new("hate/threatening");

    /// <summary>Gets <c>illicit</c>: advice or instruction on committing illicit acts.</summary>
    public static ModerationCategory Illicit { get; } = new("illicit");

    /// <summary>Gets <c>illicit/violent</c>: illicit content that also references violence or procuring a weapon.</summary>
    public static ModerationCategory IllicitViolent { get; } = new("illicit/violent");

    /// <summary>Gets <c>self-harm</c>: content that promotes, encourages or depicts acts of self-harm.</summary>
    public static ModerationCategory SelfHarm { get; } = new("self-harm");

    /// <summary>Gets <c>self-harm/intent</c>: the speaker expresses that they are engaging or intend to engage in self-harm.</summary>
    public static ModerationCategory SelfHarmIntent { get; } = new("self-harm/intent");

    /// <summary>Gets <c>self-harm/instructions</c>: content that encourages or instructs how to commit self-harm.</summary>
    public static ModerationCategory SelfHarmInstructions { get; } = new("self-harm/instructions");

    /// <summary>Gets <c>sexual</c>: content meant to arouse sexual excitement.</summary>
    public static ModerationCategory Sexual { get; } = new("sexual");

    /// <summary>Gets <c>sexual/minors</c>: sexual content that includes an individual who is under 18.</summary>
    public static ModerationCategory SexualMinors { get; } = new("sexual/minors");

    /// <summary>Gets <c>violence</c>: content that depicts death, violence or physical injury.</summary>
    public static ModerationCategory Violence { get; } = new("violence");

    /// <summary>Gets <c>violence/graphic</c>: content that depicts death, violence or physical injury in graphic detail.</summary>
    public static ModerationCategory ViolenceGraphic { get; } = new("violence/graphic");

    /// <summary>Gets the category as the API spells it.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they are the same.</returns>
    public static bool operator ==(ModerationCategory left, ModerationCategory right) => left.Equals(right);

    /// <summary>Compares two values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(ModerationCategory left, ModerationCategory right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(ModerationCategory other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ModerationCategory other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}

/// <summary>Reads and writes <see cref="ModerationCategory"/>.</summary>
internal sealed class ModerationCategoryConverter : StringValueConverter<ModerationCategory>
{
    protected override ModerationCategory Create(string value) => new(value);
}
