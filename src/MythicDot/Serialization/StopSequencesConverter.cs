using System.Text.Json;
using System.Text.Json.Serialization;

namespace MythicDot.Serialization;

/// <summary>Writes one stop sequence as a string and several as an array; reads either.</summary>
internal sealed class StopSequencesConverter : JsonConverter<IList<string>>
{
    public override IList<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return [reader.GetString()!];
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("Expected a string or an array of strings for 'stop'.");
        }

        var list = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            list.Add(reader.GetString() ?? throw new JsonException("A stop sequence may not be null."));
        }

        return list;
    }

    public override void Write(Utf8JsonWriter writer, IList<string> value, JsonSerializerOptions options)
    {
        if (value.Count == 1)
        {
            writer.WriteStringValue(value[0]);
            return;
        }

        writer.WriteStartArray();
        foreach (var item in value)
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
    }
}
