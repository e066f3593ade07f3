using System.Text.Json;
using System.Text.Json.Serialization;

namespace MythicDot.Serialization;

/// <summary>Reads and writes an open enum (a struct wrapping a string) as a JSON string, keeping unknown values.</summary>
/// <typeparam name="T">The open enum.</typeparam>
internal abstract class StringValueConverter<T> : JsonConverter<T>
    where T : struct
{
    /// <remarks>An empty or blank string, which the public constructors refuse, reads as the default value (an unknown one) rather than failing the response.</remarks>
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string for {typeof(T).Name}.");
        }

        var value = reader.GetString();
        return string.IsNullOrWhiteSpace(value) ? default : Create(value);
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());

    protected abstract T Create(string value);
}
