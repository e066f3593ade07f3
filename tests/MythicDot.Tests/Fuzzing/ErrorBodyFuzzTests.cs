using System.Net;
using System.Text;
using CsCheck;
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

    private static readonly string[] HeaderNames = ["Retry-After", "retry-after-ms", "x-request-id", "x-should-retry", "X-Echo"];

    /// <summary>Zero to three response headers, some of which echo the key.</summary>
    private static readonly Gen<(string Name, string Value)[]> Headers = Gen.Select(
        Gen.OneOf(HeaderNames),
        Gen.OneOf(FuzzInputs.JsonNumber, Gen.Const("Bearer " + Key), FuzzInputs.WellFormedText(5)),
        (name, value) => (name, value.ReplaceLineEndings(" "))).Array[0, 3];

    /// <summary>What the mapping is handed besides the body.</summary>
    private static readonly Gen<ResponseFacts> Facts = Gen.Select(
        Gen.OneOf(Statuses), FuzzInputs.WellFormedText(4).Null(3 / 4.0), Headers, Gen.Bool,
        (status, reason, headers, parsed) => new ResponseFacts(status, reason, headers, parsed));

    [Fact]
    public void FromResponse_RandomBytes_TypedErrorNeverThrows() =>
        Fuzz.Run("error-body/random-bytes", 5_000, Gen.Select(WithKeySometimes(FuzzInputs.Bytes(512)), Facts), Check, Show);

    [Fact]
    public void FromResponse_TokenSoup_TypedErrorNeverThrows() =>
        Fuzz.Run("error-body/token-soup", 6_000, Gen.Select(WithKeySometimes(FuzzInputs.TokenSoup(40)), Facts), Check, Show);

    [Fact]
    public void FromResponse_MutatedEnvelopes_TypedErrorNeverThrows() =>
        Fuzz.Run("error-body/mutated-envelopes", 10_000, Gen.Select(WithKeySometimes(FuzzInputs.Mutated(FuzzInputs.ValidEnvelope.Select(Encoding.UTF8.GetBytes))), Facts), Check, Show);

    [Fact]
    public void TryParse_ValidEnvelopes_ReadTheMessageAndCode() =>
        Fuzz.Run("error-body/valid-envelopes", 4_000, FuzzInputs.ValidEnvelope.Select(Encoding.UTF8.GetBytes), body =>
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
        Fuzz.Run(
            "error-body/unreadable",
            4_000,
            Gen.Select(WithKeySometimes(Gen.OneOf(FuzzInputs.Bytes(300), FuzzInputs.Mutated(Gen.Const(Encoding.UTF8.GetBytes(Bodies.ChatCompletion))))), Facts),
            input =>
            {
                var (body, facts) = input;
                var error = ErrorMapper.UnreadableBody(facts.Status, NewHeaders(facts.Headers), body, facts.PassParsed ? new System.Text.Json.JsonException("bad") : null, Key);

                AssertWellFormed(error, body.Length);
            },
            Show);

    private static void Check((byte[] Body, ResponseFacts Facts) input)
    {
        var (body, facts) = input;

        // Whatever the body, the parser returns (or declines) without throwing.
        var parsed = ErrorBody.TryParse(body);
        using var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) };
        AddHeaders(facts.Headers, response.Headers);

        var error = ErrorMapper.FromResponse(new ErrorResponse(facts.Status, facts.Reason, response.Headers, response.Content.Headers), body, facts.PassParsed ? parsed : null, new ErrorContext(Clock, Key));

        Assert.IsAssignableFrom<ApiError>(error);
        Assert.Equal(facts.Status, error.StatusCode);
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
    private static Gen<byte[]> WithKeySometimes(Gen<byte[]> body) =>
        Gen.Select(body, FuzzInputs.Fraction.Nullable(3 / 4.0), (bytes, where) =>
        {
            if (where is not { } fraction)
            {
                return bytes;
            }

            var at = FuzzInputs.Position(fraction, bytes.Length);
            return [.. bytes.AsSpan(0, at), .. Encoding.UTF8.GetBytes(Key), .. bytes.AsSpan(at)];
        });

    private static System.Net.Http.Headers.HttpResponseHeaders NewHeaders((string Name, string Value)[] values)
    {
        var headers = new HttpResponseMessage().Headers;
        AddHeaders(values, headers);
        return headers;
    }

    private static void AddHeaders((string Name, string Value)[] values, System.Net.Http.Headers.HttpResponseHeaders headers)
    {
        foreach (var (name, value) in values)
        {
            headers.TryAddWithoutValidation(name, value);
        }
    }

    private static string Show((byte[] Body, ResponseFacts Facts) input) => Fuzz.Escape(input.Body) + " with " + input.Facts;

    /// <summary>The status, reason phrase and headers of the response, and whether the caller passes the parsed body (or, for an unreadable body, an exception) along.</summary>
    private sealed record ResponseFacts(HttpStatusCode Status, string? Reason, (string Name, string Value)[] Headers, bool PassParsed)
    {
        public override string ToString() =>
            $"HTTP {(int)Status}, reason {Fuzz.Escape(Reason)}, headers [{string.Join(", ", Headers.Select(h => h.Name + ": " + Fuzz.Escape(h.Value)))}], passes {(PassParsed ? "the parsed body or an exception" : "nothing")}";
    }
}
