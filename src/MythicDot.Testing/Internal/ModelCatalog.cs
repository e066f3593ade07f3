using System.Text.Json;

namespace MythicDot.Testing.Internal;

/// <summary>The models the emulator knows: the ids API.md lists, with fixed metadata.</summary>
internal static class ModelCatalog
{
    public static readonly IReadOnlyList<ModelInfo> Models =
    [
        new("mythic-4", 1704067200, 128_000, 16_384),
        new("mythic-4-mini", 1704067200, 128_000, 16_384),
        new("mythic-4-vision", 1709251200, 128_000, 4_096, AcceptsImages: true),
        new("mythic-4-thinking", 1717200000, 200_000, 64_000),
        new("mythic-3.5-turbo", 1677628800, 16_385, 4_096),
        new("mythic-embed-3", 1706745600, 8_191, null, Embeds: true),
    ];

    public static ModelInfo? Find(string id)
    {
        foreach (var model in Models)
        {
            if (string.Equals(model.Id, id, StringComparison.Ordinal))
            {
                return model;
            }
        }

        return null;
    }

    /// <summary>A model and its limits.</summary>
    /// <param name="Id">The model id.</param>
    /// <param name="Created">Unix seconds.</param>
    /// <param name="ContextWindow">The tokens a request may hold; for an embedding model, the tokens of each input.</param>
    /// <param name="MaxOutputTokens">The tokens a reply may hold; none for an embedding model.</param>
    /// <param name="Embeds">Whether <c>POST /embeddings</c> accepts the model (and chat does not need to).</param>
    /// <param name="AcceptsImages">Whether chat messages to the model may carry <c>image_url</c> parts (API.md: <c>mythic-4-vision</c>).</param>
    internal sealed record ModelInfo(string Id, long Created, int ContextWindow, int? MaxOutputTokens, bool Embeds = false, bool AcceptsImages = false)
    {
        public void Write(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteString("id", Id);
            writer.WriteString("object", "model");
            writer.WriteNumber("created", Created);
            writer.WriteString("owned_by", "mythicdot");
            writer.WriteNumber("context_window", ContextWindow);
            if (MaxOutputTokens is { } maxOutput)
            {
                writer.WriteNumber("max_output_tokens", maxOutput);
            }

            writer.WriteEndObject();
        }
    }
}
