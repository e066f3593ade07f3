using System.Text.Json;

namespace MythicDot.Serialization;

/// <summary>
/// Backs a read-only <c>AdditionalProperties</c>: System.Text.Json fills and writes a <see cref="Dictionary{TKey, TValue}"/>
/// through an internal <c>[JsonExtensionData]</c> member, and the public view is the same dictionary, read-only.
/// </summary>
internal static class ExtensionFields
{
    /// <summary>Keeps <paramref name="value"/> as it is when it is already a dictionary; copies any other read-only dictionary once.</summary>
    public static Dictionary<string, JsonElement>? From(IReadOnlyDictionary<string, JsonElement>? value)
    {
        if (value is null or Dictionary<string, JsonElement>)
        {
            return (Dictionary<string, JsonElement>?)value;
        }

        var copy = new Dictionary<string, JsonElement>(value.Count);
        foreach (var pair in value)
        {
            copy.Add(pair.Key, pair.Value);
        }

        return copy;
    }
}
