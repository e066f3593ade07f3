using System.Text.Json;
using System.Text.Json.Serialization;

namespace MythicDot.Serialization;

/// <summary>Writes a one-item list as a JSON string and a longer one as an array; reads either (<c>stop</c>, <c>input</c>).</summary>
internal sealed class StringOrStringsConverter : JsonConverter<IList<string>>
{
    public override IList<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return [reader.GetString()!];
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("Expected a string or an array of strings.");
        }

        var list = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            list.Add(reader.TokenType == JsonTokenType.String
                ? reader.GetString()!
                : throw new JsonException("Expected each item to be a string."));
        }

        return list;
    }

    public override void Write(Utf8JsonWriter writer, IList<string> value, JsonSerializerOptions options) => WriteValue(writer, value);

    /// <summary>Writes a one-item list as a string, a longer one as an array.</summary>
    public static void WriteValue(Utf8JsonWriter writer, IList<string> value)
    {
        if (value.Count == 1)
        {
            writer.WriteStringValue(value[0]);
            return;
        }

        writer.WriteStartArray();
        for (var i = 0; i < value.Count; i++)
        {
            writer.WriteStringValue(value[i]);
        }

        writer.WriteEndArray();
    }
}
