using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace MythicDot.Serialization;

/// <summary>A <c>content</c> as the wire carries it: a string, or an array of parts (a chat message's, a response item's).</summary>
/// <typeparam name="TPart">The area's part type.</typeparam>
internal sealed class TextOrParts<TPart>(string? text, IReadOnlyList<TPart>? parts)
{
    public string? Text { get; } = text;

    public IReadOnlyList<TPart>? Parts { get; } = parts;

    /// <summary>The wire value of a pair of properties of which one is set: the parts win, else the text, else none.</summary>
    public static TextOrParts<TPart>? From(string? text, IReadOnlyList<TPart>? parts) =>
        parts is not null ? new(null, parts) : text is not null ? new(text, null) : null;
}

/// <summary>Reads and writes <see cref="TextOrParts{TPart}"/>: a JSON string, or an array of parts through the area's context.</summary>
/// <typeparam name="TPart">The area's part type.</typeparam>
internal abstract class TextOrPartsConverter<TPart> : JsonConverter<TextOrParts<TPart>>
{
    /// <summary>Gets the generated metadata of the parts' list.</summary>
    protected abstract JsonTypeInfo<IReadOnlyList<TPart>> PartsInfo { get; }

    /// <summary>Gets what the error says the content belongs to, for example <c>A message's content</c>.</summary>
    protected abstract string Owner { get; }

    public override TextOrParts<TPart>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => new TextOrParts<TPart>(reader.GetString(), null),
        JsonTokenType.StartArray => new TextOrParts<TPart>(null, JsonSerializer.Deserialize(ref reader, PartsInfo)),
        _ => throw new JsonException(Owner + " must be a string or an array of parts."),
    };

    public override void Write(Utf8JsonWriter writer, TextOrParts<TPart> value, JsonSerializerOptions options)
    {
        if (value.Parts is { } parts)
        {
            JsonSerializer.Serialize(writer, parts, PartsInfo);
        }
        else
        {
            writer.WriteStringValue(value.Text);
        }
    }
}
