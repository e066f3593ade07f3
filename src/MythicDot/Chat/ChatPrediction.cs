using System.Text.Json;
using System.Text.Json.Serialization;

namespace MythicDot.Chat;

/// <summary>A predicted output (<c>prediction</c>): text the answer is expected to repeat for the most part, such as a file
/// being lightly edited, which lets the model answer faster. Tokens of the prediction that the answer does not use are billed.</summary>
public sealed class ChatPrediction
{
    /// <summary>Gets or sets the kind of prediction; <c>content</c>, the only one the API documents.</summary>
    public string Type { get; set; } = "content";

    /// <summary>Gets or sets the predicted text.</summary>
    public string? Content { get; set; }

    /// <summary>Gets or sets fields the SDK does not type yet; they are sent as given.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Creates a <c>content</c> prediction.</summary>
    /// <param name="content">The text the answer is expected to repeat.</param>
    /// <returns>The prediction.</returns>
    public static ChatPrediction FromContent(string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        return new() { Content = content };
    }
}

/// <summary>Options of a streamed answer (<c>stream_options</c>).</summary>
public sealed class ChatStreamOptions
{
    /// <summary>Gets or sets whether the stream ends with one more chunk, with no choices, that carries the usage of the whole
    /// answer (<see cref="ChatCompletionChunk.Usage"/>); <see cref="ChatCompletionStreamExtensions.ToCompletionAsync"/> keeps it.</summary>
    public bool? IncludeUsage { get; set; }

    /// <summary>Gets or sets fields the SDK does not type yet; they are sent as given.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
