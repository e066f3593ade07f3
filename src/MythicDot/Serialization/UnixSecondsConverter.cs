using System.Text.Json;
using System.Text.Json.Serialization;

namespace MythicDot.Serialization;

/// <summary>Reads and writes a <see cref="DateTimeOffset"/> as Unix seconds (the API's <c>created</c>).</summary>
internal sealed class UnixSecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            if (reader.TryGetInt64(out var seconds))
            {
                return DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, -62135596800L, 253402300799L));
            }

            if (reader.TryGetDouble(out var fractional) && double.IsFinite(fractional))
            {
                return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Clamp(fractional * 1000, -62135596800000d, 253402300799000d));
            }
        }

        if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var date))
        {
            return date;
        }

        throw new JsonException("Expected Unix seconds.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.ToUnixTimeSeconds());
}
