using System.Net;
using System.Text;
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

    [Fact]
    public async Task CreateAsync_MutatedResponses_CompletionOrApiError()
    {
        var handler = new FuzzHandler();
        var client = handler.CreateClient(Key);
        await Fuzz.RunAsync("response/chat", 4_000, TimeSpan.FromSeconds(5), Generate, async (input, random) =>
        {
            handler.Next = () =>
            {
                var response = FuzzHandler.Response(input.Status, new SplitStream(input.Body, random), input.ContentType);
                if (random.Next(4) == 0)
                {
                    response.Headers.TryAddWithoutValidation("Retry-After", FuzzInputs.JsonNumber(random));
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
        }, input => $"HTTP {(int)input.Status} {input.ContentType}: {Fuzz.Escape(input.Body)}");
    }

    private static (HttpStatusCode Status, string? ContentType, byte[] Body) Generate(Random random)
    {
        var valid = random.Next(3) == 0 ? FuzzInputs.ValidEnvelope(random) : ValidBodies[random.Next(ValidBodies.Length)];
        var body = random.Next(10) switch
        {
            0 => FuzzInputs.RandomBytes(random, 300),
            1 => FuzzInputs.TokenSoup(random, 30),
            _ => FuzzInputs.Mutate(random, Encoding.UTF8.GetBytes(valid)),
        };
        return (Statuses[random.Next(Statuses.Length)], random.Next(8) == 0 ? "text/html" : "application/json", body);
    }
}
