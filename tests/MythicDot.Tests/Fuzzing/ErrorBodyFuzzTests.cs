using System.Net;
using System.Text;
using MythicDot.Errors;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.Tests.Fuzzing;

/// <summary>The error-body parser and the response-to-error mapping over hostile bodies: a typed error, never a throw.</summary>
public sealed class ErrorBodyFuzzTests
{
    private const string Key = ApiHarness.ApiKey;

    private static readonly HttpStatusCode[] Statuses =
    [
        HttpStatusCode.OK, HttpStatusCode.MovedPermanently, HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden,
        HttpStatusCode.NotFound, HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity, HttpStatusCode.TooManyRequests,
        HttpStatusCode.InternalServerError, HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, (HttpStatusCode)418,
        (HttpStatusCode)499, (HttpStatusCode)599, (HttpStatusCode)999, (HttpStatusCode)0,
    ];

    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void FromResponse_RandomBytes_TypedErrorNeverThrows() =>
        Fuzz.Run("error-body/random-bytes", 5_000, r => WithKeySometimes(r, FuzzInputs.RandomBytes(r, 512)), Check);

    [Fact]
    public void FromResponse_TokenSoup_TypedErrorNeverThrows() =>
        Fuzz.Run("error-body/token-soup", 6_000, r => WithKeySometimes(r, FuzzInputs.TokenSoup(r, 40)), Check);

    [Fact]
    public void FromResponse_MutatedEnvelopes_TypedErrorNeverThrows() =>
        Fuzz.Run("error-body/mutated-envelopes", 10_000, r => WithKeySometimes(r, FuzzInputs.Mutate(r, Encoding.UTF8.GetBytes(FuzzInputs.ValidEnvelope(r)))), Check);

    [Fact]
    public void TryParse_ValidEnvelopes_ReadTheMessageAndCode() =>
        Fuzz.Run("error-body/valid-envelopes", 4_000, r => Encoding.UTF8.GetBytes(FuzzInputs.ValidEnvelope(r)), (body, _) =>
        {
            // An oracle wherever the generator's output is well-formed JSON (it sometimes leaves a string unescaped):
            // the parser agrees with System.Text.Json's DOM.
            var parsed = ErrorBody.TryParse(body);
            System.Text.Json.JsonDocument document;
            try
            {
                document = System.Text.Json.JsonDocument.Parse(body);
            }
            catch (System.Text.Json.JsonException)
            {
                return;
            }

            using var owned = document;
            Assert.NotNull(parsed);
            Assert.True(parsed.IsError);
            var root = document.RootElement;
            var fields = root.TryGetProperty("error", out var error) && error.ValueKind == System.Text.Json.JsonValueKind.Object ? error : root;
            if (fields.TryGetProperty("message", out var message))
            {
                Assert.Equal(message.GetString(), parsed.Message);
            }

            if (fields.TryGetProperty("code", out var code))
            {
                Assert.Equal(code.ValueKind == System.Text.Json.JsonValueKind.String ? code.GetString() : code.GetRawText(), parsed.Code);
            }
        });

    [Fact]
    public void UnreadableBody_RandomAndMutatedBodies_TypedErrorNeverThrows() =>
        Fuzz.Run("error-body/unreadable", 4_000, r => WithKeySometimes(r, r.Next(2) == 0 ? FuzzInputs.RandomBytes(r, 300) : FuzzInputs.Mutate(r, Encoding.UTF8.GetBytes(Bodies.ChatCompletion))), (body, random) =>
        {
            var error = ErrorMapper.UnreadableBody(Statuses[random.Next(Statuses.Length)], NewHeaders(random), body, random.Next(2) == 0 ? null : new System.Text.Json.JsonException("bad"), Key);

            AssertWellFormed(error, body.Length);
        });

    private static void Check(byte[] body, Random random)
    {
        // Whatever the body, the parser returns (or declines) without throwing.
        var parsed = ErrorBody.TryParse(body);
        var status = Statuses[random.Next(Statuses.Length)];
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) };
        AddRandomHeaders(random, response.Headers);

        var error = ErrorMapper.FromResponse(new ErrorResponse(status, random.Next(4) == 0 ? FuzzInputs.RandomWellFormedText(random, 4) : null, response.Headers, response.Content.Headers), body, random.Next(2) == 0 ? parsed : null, new ErrorContext(Clock, Key));

        Assert.IsAssignableFrom<ApiError>(error);
        Assert.Equal(status, error.StatusCode);
        AssertWellFormed(error, body.Length);
    }

    private static void AssertWellFormed(ApiError error, int bodyLength)
    {
        Assert.False(string.IsNullOrWhiteSpace(error.Message));

        // The message is the body's own message (never longer than the body) or a head plus a 200-character preview.
        Assert.True(error.Message.Length <= Math.Max(bodyLength, 0) + 300, $"message of {error.Message.Length} chars for a body of {bodyLength} bytes");
        Assert.True((error.ResponseBody?.Length ?? 0) <= bodyLength, $"response body of {error.ResponseBody?.Length} chars for {bodyLength} bytes");
        Assert.True(error.RetryAfter is null || (error.RetryAfter > TimeSpan.Zero && error.RetryAfter <= TimeSpan.FromDays(365)), $"RetryAfter {error.RetryAfter}");
        Assert.NotNull(error.UserMessage);
        var text = error.ToString();
        foreach (var exposed in new[] { error.Message, text, error.UserMessage, error.ResponseBody, error.Code, error.ErrorType, error.Param, error.RequestId })
        {
            Assert.DoesNotContain(Key, exposed ?? string.Empty, StringComparison.Ordinal);
        }

        Assert.All(error.ResponseHeaders, h => Assert.DoesNotContain(Key, h.Value, StringComparison.Ordinal));
    }

    /// <summary>A quarter of the bodies echo the key somewhere, as a misbehaving proxy would.</summary>
    private static byte[] WithKeySometimes(Random random, byte[] body)
    {
        if (random.Next(4) != 0)
        {
            return body;
        }

        var at = random.Next(body.Length + 1);
        return [.. body.AsSpan(0, at), .. Encoding.UTF8.GetBytes(Key), .. body.AsSpan(at)];
    }

    private static System.Net.Http.Headers.HttpResponseHeaders NewHeaders(Random random)
    {
        var headers = new HttpResponseMessage().Headers;
        AddRandomHeaders(random, headers);
        return headers;
    }

    private static void AddRandomHeaders(Random random, System.Net.Http.Headers.HttpResponseHeaders headers)
    {
        string[] names = ["Retry-After", "retry-after-ms", "x-request-id", "x-should-retry", "X-Echo"];
        for (var i = random.Next(4); i > 0; i--)
        {
            var value = random.Next(3) switch
            {
                0 => FuzzInputs.JsonNumber(random),
                1 => "Bearer " + Key,
                _ => FuzzInputs.RandomWellFormedText(random, 5),
            };
            headers.TryAddWithoutValidation(names[random.Next(names.Length)], value.ReplaceLineEndings(" "));
        }
    }
}
