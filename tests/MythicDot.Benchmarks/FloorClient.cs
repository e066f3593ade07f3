using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace MythicDot.Benchmarks;

/// <summary>The floor: what a careful engineer writes by hand with a bare <see cref="HttpClient"/> and source-generated JSON.</summary>
internal sealed class FloorClient
{
    private readonly HttpClient _http;
    private readonly Uri _chatUri;
    private readonly Uri _embeddingsUri;

    public FloorClient(HttpClient http, Uri baseUrl, string apiKey)
    {
        _http = http;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        _chatUri = new Uri(baseUrl, "chat/completions");
        _embeddingsUri = new Uri(baseUrl, "embeddings");
    }

    public async Task<FloorChatCompletion> ChatAsync(FloorChatRequest request, CancellationToken cancellationToken = default)
    {
        using var response = await PostAsync(_chatUri, JsonSerializer.SerializeToUtf8Bytes(request, FloorJsonContext.Default.FloorChatRequest), cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await JsonSerializer.DeserializeAsync(stream, FloorJsonContext.Default.FloorChatCompletion, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException("null body");
    }

    public async IAsyncEnumerable<FloorChunk> StreamAsync(FloorChatRequest request, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var response = await PostAsync(_chatUri, JsonSerializer.SerializeToUtf8Bytes(request, FloorJsonContext.Default.FloorChatRequest), cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var parser = SseParser.Create(stream, static (_, data) => data.SequenceEqual("[DONE]"u8) ? null : JsonSerializer.Deserialize(data, FloorJsonContext.Default.FloorChunk));
        await foreach (var item in parser.EnumerateAsync(cancellationToken).ConfigureAwait(false))
        {
            if (item.Data is null)
            {
                yield break;
            }

            yield return item.Data;
        }

        throw new IOException("The event stream ended before [DONE].");
    }

    public async Task<FloorEmbeddingResponse> EmbedAsync(FloorEmbeddingRequest request, CancellationToken cancellationToken = default)
    {
        using var response = await PostAsync(_embeddingsUri, JsonSerializer.SerializeToUtf8Bytes(request, FloorJsonContext.Default.FloorEmbeddingRequest), cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return await JsonSerializer.DeserializeAsync(stream, FloorJsonContext.Default.FloorEmbeddingResponse, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException("null body");
    }

    /// <summary>Embeddings asked for as base64, decoded the way a careful hand-written client does: the string, its bytes, then the floats.</summary>
    public async Task<float[][]> EmbedBase64Async(FloorEmbeddingRequest request, CancellationToken cancellationToken = default)
    {
        request.EncodingFormat = "base64";
        using var response = await PostAsync(_embeddingsUri, JsonSerializer.SerializeToUtf8Bytes(request, FloorJsonContext.Default.FloorEmbeddingRequest), cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var body = await JsonSerializer.DeserializeAsync(stream, FloorJsonContext.Default.FloorBase64EmbeddingResponse, cancellationToken).ConfigureAwait(false)
            ?? throw new JsonException("null body");
        var vectors = new float[body.Data.Count][];
        for (var i = 0; i < vectors.Length; i++)
        {
            vectors[i] = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(body.Data[i].Embedding)).ToArray();
        }

        return vectors;
    }

    /// <summary>Sends a JSON POST; a non-success status becomes a <see cref="FloorApiException"/> with the parsed error body.</summary>
    private async Task<HttpResponseMessage> PostAsync(Uri uri, byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                FloorError? error = null;
                try
                {
                    var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                    error = await JsonSerializer.DeserializeAsync(stream, FloorJsonContext.Default.FloorError, cancellationToken).ConfigureAwait(false);
                }
                catch (JsonException)
                {
                    // Not a JSON body: the status alone says what failed.
                }

                throw new FloorApiException(response.StatusCode, error);
            }
        }

        return response;
    }
}
