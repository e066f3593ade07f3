using System.Text.Json;
using System.Text.Json.Serialization;

namespace MythicDot.Serialization;

/// <summary>Reads and writes a nullable <see cref="DateTimeOffset"/> as Unix seconds (<c>expires_at</c>, <c>completed_at</c>):
/// <c>null</c> reads as <see langword="null"/>, anything else as <see cref="UnixSecondsConverter"/> reads it.</summary>
internal sealed class NullableUnixSecondsConverter : JsonConverter<DateTimeOffset?>
{
    private static readonly UnixSecondsConverter Inner = new();

    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : Inner.Read(ref reader, typeof(DateTimeOffset), options);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } date)
        {
            writer.WriteNumberValue(date.ToUnixTimeSeconds());
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
