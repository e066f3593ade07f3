using System.Text.Json;
using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Chat;

/// <summary>The response of <c>POST /chat/completions</c>.</summary>
public sealed class ChatCompletion : ApiResponse
{
    private IReadOnlyList<ChatChoice> _choices = [];

    /// <summary>Gets or sets the completion id, for example <c>chatcmpl-abc123</c>.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets or sets the object type, <c>chat.completion</c>.</summary>
    [JsonPropertyName("object")]
    public string ObjectType { get; set; } = "chat.completion";

    /// <summary>Gets or sets when the completion was created.</summary>
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset Created { get; set; }

    /// <summary>Gets or sets the model that answered.</summary>
    public string Model { get; set; } = string.Empty;

    /// <summary>Gets or sets the answers; one unless more were asked for.</summary>
    /// <remarks>A <c>null</c> sent by the server, or set, reads as no choices.</remarks>
    public IReadOnlyList<ChatChoice> Choices
    {
        get => _choices;
        set => _choices = value ?? [];
    }

    /// <summary>Gets or sets the token counts.</summary>
    public Usage? Usage { get; set; }

    /// <summary>Gets or sets fields the SDK does not model yet.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    internal override string? TelemetryModel => Model;

    internal override string? TelemetryId => Id;

    internal override Usage? TelemetryUsage => Usage;
}
