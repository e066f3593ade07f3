using System.Text.Json.Serialization;

namespace MythicDot.Moderations;

/// <summary>The response of <c>POST /moderations</c>: one result per input, in the order sent.</summary>
public sealed class ModerationResponse : ApiResponse
{
    private IReadOnlyList<ModerationResult> _results = [];

    /// <summary>Gets or sets the moderation's id, for example <c>modr-abc123</c>.</summary>
    public string Id
    {
        get => _id;
        init => _id = value ?? string.Empty;
    }

    // A member the body leaves out arrives here as null from the generated deserializer: it keeps the default.
    private string _id = string.Empty;

    /// <summary>Gets or sets the model that checked the inputs.</summary>
    public string Model
    {
        get => _model;
        init => _model = value ?? string.Empty;
    }

    // A member the body leaves out arrives here as null from the generated deserializer: it keeps the default.
    private string _model = string.Empty;

    /// <summary>Gets or sets one result per input, in the order of <see cref="ModerationRequest.Input"/>.</summary>
    /// <remarks>A <c>null</c> sent by the server, or set, reads as no results.</remarks>
    public IReadOnlyList<ModerationResult> Results
    {
        get => _results;
        init => _results = value ?? [];
    }

    /// <summary>Gets whether any input was flagged.</summary>
    [JsonIgnore]
    public bool Flagged => _results.Any(r => r is { Flagged: true });

    internal override string? TelemetryModel => Model;

    internal override string? TelemetryId => Id;
}

/// <summary>What the moderation model found in one input.</summary>
public sealed class ModerationResult : ApiObject
{
    private static readonly IReadOnlyDictionary<string, bool> NoCategories = new Dictionary<string, bool>();
    private static readonly IReadOnlyDictionary<string, double> NoScores = new Dictionary<string, double>();

    /// <summary>Gets or sets whether the input breaks the usage policies in any category.</summary>
    public bool Flagged { get; init; }

    /// <summary>Gets or sets, per category (<see cref="ModerationCategory"/> values as the API spells them, unknown ones kept), whether the input is in it.</summary>
    public IReadOnlyDictionary<string, bool> Categories
    {
        get => _categories;
        init => _categories = value ?? NoCategories;
    }

    // A member the body leaves out arrives here as null from the generated deserializer: it keeps the default.
    private IReadOnlyDictionary<string, bool> _categories = NoCategories;

    /// <summary>Gets or sets, per category, the model's confidence (0 to 1) that the input is in it.</summary>
    public IReadOnlyDictionary<string, double> CategoryScores
    {
        get => _categoryScores;
        init => _categoryScores = value ?? NoScores;
    }

    // A member the body leaves out arrives here as null from the generated deserializer: it keeps the default.
    private IReadOnlyDictionary<string, double> _categoryScores = NoScores;

    /// <summary>Gets or sets, per category, the kinds of input (<c>text</c>, <c>image</c>) the verdict applies to, when the server says.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? CategoryAppliedInputTypes { get; init; }

    /// <summary>Gets the categories the input is in.</summary>
    [JsonIgnore]
    public IEnumerable<ModerationCategory> FlaggedCategories =>
        _categories.Where(pair => pair.Value && !string.IsNullOrWhiteSpace(pair.Key)).Select(pair => new ModerationCategory(pair.Key));

    /// <summary>Whether the input is in a category.</summary>
    /// <param name="category">The category.</param>
    /// <returns><see langword="true"/> when the server flagged it; <see langword="false"/> when it did not, or did not report the category.</returns>
    public bool IsFlagged(ModerationCategory category) => Lookup(_categories, category, out var flagged) && flagged;

    /// <summary>The model's confidence that the input is in a category.</summary>
    /// <param name="category">The category.</param>
    /// <returns>The score, 0 to 1; <see langword="null"/> when the server did not report the category.</returns>
    public double? GetScore(ModerationCategory category) => Lookup(_categoryScores, category, out var score) ? score : null;

    // Categories compare without regard to case, as the open enum does.
    private static bool Lookup<T>(IReadOnlyDictionary<string, T> values, ModerationCategory category, out T value)
    {
        if (values.TryGetValue(category.Value, out value!))
        {
            return true;
        }

        foreach (var pair in values)
        {
            if (string.Equals(pair.Key, category.Value, StringComparison.OrdinalIgnoreCase))
            {
                value = pair.Value;
                return true;
            }
        }

        return false;
    }
}
