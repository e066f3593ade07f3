using System.Globalization;
using System.Net;
using System.Text;

namespace MythicDot.Benchmarks;

/// <summary>The response bodies every implementation is answered with, built once (deterministic, seeded).</summary>
public static class CannedResponses
{
    public const string ApiKey = "sk-bench-0123456789abcdef";
    public const string ChatModel = "mythic-4";
    public const string EmbeddingModel = "mythic-embed-3";
    public const int StreamChunks = 200;
    public const int EmbeddingInputs = 16;
    public const int EmbeddingDimensions = 1536;

    /// <summary>The answer text of the chat completion: a paragraph, as a real reply would be.</summary>
    public const string Answer =
        "Paris is the capital and most populous city of France. It sits on the Seine in the north of the country, " +
        "at the heart of the Ile-de-France region. The city has been a major centre of finance, diplomacy, commerce, " +
        "fashion, science and the arts since the 17th century, and its museums, monuments and cafes draw tens of " +
        "millions of visitors each year.";

    public static readonly Uri BaseUrl = new("https://api.mythicdot.ai/v1/");

    public static string SystemPrompt => "You are a concise assistant.";

    public static string UserPrompt => "What is the capital of France? Answer in one paragraph.";

    public static IReadOnlyList<string> EmbeddingTexts { get; } =
        Enumerable.Range(0, EmbeddingInputs).Select(i => $"Document {i}: the quick brown fox jumps over the lazy dog, and then writes a short report about it.").ToArray();

    public static CannedResponse Chat { get; } = Json(HttpStatusCode.OK, ChatBody());

    public static CannedResponse Stream { get; } = new(HttpStatusCode.OK, "text/event-stream", StreamBody(), []);

    public static CannedResponse RateLimited { get; } = new(
        HttpStatusCode.TooManyRequests,
        "application/json",
        Encoding.UTF8.GetBytes("""{"success":false,"message":"Rate limit exceeded","code":"rate_limit_exceeded","param":"messages","retry_after":30,"request_id":"req_123abc"}"""),
        [("x-request-id", "req_123abc"), ("Retry-After", "30")]);

    public static CannedResponse Embeddings { get; } = EmbeddingsFor(EmbeddingInputs);

    /// <summary>The embeddings of <paramref name="inputs"/> texts, answered as numbers or as base64, whichever the request asks for.</summary>
    public static CannedResponse EmbeddingsFor(int inputs) =>
        Json(HttpStatusCode.OK, EmbeddingsBody(inputs, base64: false)) with { Base64Body = Encoding.UTF8.GetBytes(EmbeddingsBody(inputs, base64: true)) };

    public static IReadOnlyList<string> EmbeddingTextsFor(int inputs) =>
        Enumerable.Range(0, inputs).Select(i => $"Document {i}: the quick brown fox jumps over the lazy dog, and then writes a short report about it.").ToArray();

    private static CannedResponse Json(HttpStatusCode status, string body) =>
        new(status, "application/json", Encoding.UTF8.GetBytes(body), [("x-request-id", "req_123abc")]);

    private static string ChatBody() =>
        "{\"id\":\"chatcmpl-abc123\",\"object\":\"chat.completion\",\"created\":1704067200,\"model\":\"mythic-4\"," +
        "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + Answer + "\"},\"finish_reason\":\"stop\"}]," +
        "\"usage\":{\"prompt_tokens\":25,\"completion_tokens\":78,\"total_tokens\":103}}";

    /// <summary>200 data events (a role chunk, 198 content chunks, a finish chunk), then <c>[DONE]</c>.</summary>
    private static byte[] StreamBody()
    {
        const string head = "data: {\"id\":\"chatcmpl-abc123\",\"object\":\"chat.completion.chunk\",\"created\":1704067200,\"model\":\"mythic-4\",\"choices\":[{\"index\":0,";
        var words = Answer.Split(' ');
        var text = new StringBuilder();
        text.Append(head).Append("\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n");
        for (var i = 0; i < StreamChunks - 2; i++)
        {
            var word = (i == 0 ? string.Empty : " ") + words[i % words.Length];
            text.Append(head).Append("\"delta\":{\"content\":\"").Append(word).Append("\"},\"finish_reason\":null}]}\n\n");
        }

        text.Append(head).Append("\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
        text.Append("data: [DONE]\n\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static string EmbeddingsBody(int inputs, bool base64)
    {
        var random = new Random(1536);
        var text = new StringBuilder(inputs * EmbeddingDimensions * 12);
        var vector = new float[EmbeddingDimensions];
        text.Append("{\"object\":\"list\",\"data\":[");
        for (var i = 0; i < inputs; i++)
        {
            text.Append(i == 0 ? "" : ",").Append("{\"object\":\"embedding\",\"index\":").Append(i).Append(",\"embedding\":");
            for (var j = 0; j < EmbeddingDimensions; j++)
            {
                vector[j] = (float)((random.NextDouble() * 2) - 1) * 0.08f;
            }

            if (base64)
            {
                text.Append('"').Append(Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(vector.AsSpan()))).Append('"');
            }
            else
            {
                text.Append('[');
                for (var j = 0; j < EmbeddingDimensions; j++)
                {
                    text.Append(j == 0 ? "" : ",").Append(vector[j].ToString("R", CultureInfo.InvariantCulture));
                }

                text.Append(']');
            }

            text.Append('}');
        }

        text.Append("],\"model\":\"mythic-embed-3\",\"usage\":{\"prompt_tokens\":400,\"total_tokens\":400}}");
        return text.ToString();
    }
}

/// <summary>One canned HTTP response: status, content type, body and extra headers.</summary>
/// <remarks>With a <see cref="Base64Body"/>, a request that asks for <c>"encoding_format":"base64"</c> gets that body instead.</remarks>
public sealed record CannedResponse(HttpStatusCode Status, string ContentType, byte[] Body, (string Name, string Value)[] Headers)
{
    public byte[]? Base64Body { get; init; }
}

/// <summary>Answers every request with the same canned response, as the network would, after reading the request body.</summary>
/// <remarks>A fresh <see cref="ByteArrayContent"/> per call; the request body is drained so that lazily serialized content costs what it would on a socket.</remarks>
public sealed class CannedHandler(CannedResponse canned) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = canned.Body;
        if (request.Content is { } content)
        {
            if (canned.Base64Body is { } base64)
            {
                var sent = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                body = sent.AsSpan().IndexOf("\"encoding_format\":\"base64\""u8) >= 0 ? base64 : body;
            }
            else
            {
                await content.CopyToAsync(System.IO.Stream.Null, cancellationToken).ConfigureAwait(false);
            }
        }

        var response = new HttpResponseMessage(canned.Status)
        {
            RequestMessage = request,
            Content = new ByteArrayContent(body),
        };
        response.Content.Headers.TryAddWithoutValidation("Content-Type", canned.ContentType);
        foreach (var (name, value) in canned.Headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }
}
