using System.Text.Json;
using System.Text.Json.Serialization;

namespace MythicDot.Serialization;

/// <summary>Reads and writes an open enum (a struct wrapping a string) as a JSON string, keeping unknown values.</summary>
/// <typeparam name="T">The open enum.</typeparam>
internal abstract class StringValueConverter<T> : JsonConverter<T>
    where T : struct
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? Create(reader.GetString()!)
            : throw new JsonException($"Expected a string for {typeof(T).Name}.");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());

    protected abstract T Create(string value);
}
