using System.Net;
using System.Text;
using CsCheck;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Fuzzing;

/// <summary>Whole non-streaming calls over mutated responses, success statuses included: a typed result or a typed error.</summary>
public sealed class ResponseFuzzTests
{
    private const string Key = ApiHarness.ApiKey;

    private static readonly string[] ValidBodies =
    [
        Bodies.ChatCompletion,
        """{"id":"chatcmpl-2","object":"chat.completion","created":1704067200.5,"model":"mythic-4","choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"location\":\"Paris\"}"}}]},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":25,"completion_tokens":8,"total_tokens":33},"system_fingerprint":"fp"}""",
        """{"success":true,"id":"chatcmpl-3","object":"chat.completion","created":"2024-01-01T00:00:00Z","model":"mythic-4","choices":[],"usage":null}""",
    ];

    private static readonly HttpStatusCode[] Statuses = [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Created, HttpStatusCode.NoContent, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests, HttpStatusCode.InternalServerError, (HttpStatusCode)302];

    private static readonly Gen<ResponseCase> Cases = Gen.Select(
        Gen.Frequency(
            (8, FuzzInputs.Mutated(Gen.Frequency((2, Gen.OneOf(ValidBodies)), (1, FuzzInputs.ValidEnvelope)).Select(Encoding.UTF8.GetBytes))),
            (1, FuzzInputs.Bytes(300)),
            (1, FuzzInputs.TokenSoup(30))),
        Gen.OneOf(Statuses),
        Gen.Frequency((7, "application/json"), (1, "text/html")),
        FuzzInputs.JsonNumber.Null(3 / 4.0),
        FuzzInputs.Reads(4096),
        (body, status, contentType, retryAfter, reads) => new ResponseCase(status, contentType, body, retryAfter, reads));

    [Fact]
    public async Task CreateAsync_MutatedResponses_CompletionOrApiError()
    {
        // One handler and client for every case, so the cases run one at a time (threads: 1).
        var handler = new FuzzHandler();
        var client = handler.CreateClient(Key);
        await Fuzz.RunAsync("response/chat", 4_000, TimeSpan.FromSeconds(5), Cases, async input =>
        {
            handler.Next = () =>
            {
                var response = FuzzHandler.Response(input.Status, new SplitStream(input.Body, input.Reads), input.ContentType);
                if (input.RetryAfter is not null)
                {
                    response.Headers.TryAddWithoutValidation("Retry-After", input.RetryAfter);
                }

                return response;
            };
            try
            {
                var completion = await client.Chat.Completions.CreateAsync(new ChatCompletionRequest { Model = "mythic-4", Messages = [ChatMessage.User("Hi")] });
                Assert.NotNull(completion);
                _ = completion.Response?.RateLimits;
            }
            catch (ApiError error)
            {
                Assert.DoesNotContain(Key, error.ToString(), StringComparison.Ordinal);
            }
        }, input => input.ToString(), threads: 1);
    }

    private sealed record ResponseCase(HttpStatusCode Status, string ContentType, byte[] Body, string? RetryAfter, ReadPlan Reads)
    {
        public override string ToString() =>
            $"HTTP {(int)Status} {ContentType}{(RetryAfter is null ? string.Empty : ", Retry-After " + Fuzz.Escape(RetryAfter))}, {Reads}: {Fuzz.Escape(Body)}";
    }
}
