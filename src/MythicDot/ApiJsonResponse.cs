using System.Text.Json;
using System.Text.Json.Serialization;

namespace MythicDot;

/// <summary>The JSON body of a raw call (<see cref="MythicDotClient.SendRequestAsync(HttpMethod, string, JsonElement?, RequestOptions?, CancellationToken)"/>), with the response metadata.</summary>
[JsonConverter(typeof(ApiJsonResponseConverter))]
public sealed class ApiJsonResponse : ApiResponse
{
    /// <summary>Initializes a new instance of the <see cref="ApiJsonResponse"/> class.</summary>
    /// <param name="body">The body; <c>default</c> (<see cref="JsonValueKind.Undefined"/>) for an empty one.</param>
    public ApiJsonResponse(JsonElement body)
    {
        Body = body;
    }

    /// <summary>Gets the response body; <see cref="JsonValueKind.Undefined"/> when the response had none.</summary>
    public JsonElement Body { get; }
}

/// <summary>Reads any JSON value into an <see cref="ApiJsonResponse"/>.</summary>
internal sealed class ApiJsonResponseConverter : JsonConverter<ApiJsonResponse>
{
    public override ApiJsonResponse Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(JsonElement.ParseValue(ref reader));

    public override void Write(Utf8JsonWriter writer, ApiJsonResponse value, JsonSerializerOptions options) =>
        value.Body.WriteTo(writer);

    public override bool HandleNull => true;
}
