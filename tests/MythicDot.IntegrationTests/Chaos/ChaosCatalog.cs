using System.Text;
using static MythicDot.IntegrationTests.Chaos.ChaosFault;

namespace MythicDot.IntegrationTests.Chaos;

/// <summary>Which SDK call a chaos case makes.</summary>
public enum ChaosCall
{
    /// <summary><c>Chat.Completions.CreateAsync</c>: one JSON body.</summary>
    Create,

    /// <summary><c>Chat.Completions.CreateStreamingAsync</c>: server-sent events.</summary>
    Stream,
}

/// <summary>A fault, the call it hits, and what the SDK documents for it.</summary>
/// <param name="Name">The case's name in the theory.</param>
/// <param name="Call">The call made.</param>
/// <param name="Fault">The server's answer (a new instance per request).</param>
/// <param name="Timeout">The client's per-attempt timeout: short where the fault stalls, roomy where it should not matter.</param>
/// <param name="Error">The exact error type the call ends in; <see langword="null"/> when it succeeds.</param>
/// <param name="Retried">Whether the SDK makes another attempt after this failure.</param>
/// <param name="Check">More assertions on the error.</param>
internal sealed record ChaosCase(string Name, ChaosCall Call, Func<ChaosFault> Fault, TimeSpan Timeout, Type? Error, bool Retried, Action<ApiError>? Check = null);

/// <summary>Every fault the chaos tests serve, with its documented outcome.</summary>
internal static class ChaosCatalog
{
    public const int HugeBodyBytes = 10 * 1024 * 1024;

    /// <summary>Well below any stall in the catalog, which lasts until the client leaves.</summary>
    public static readonly TimeSpan StallTimeout = TimeSpan.FromMilliseconds(500);

    /// <summary>A trickle of 1 byte / 50 ms crosses it after ~15 bytes.</summary>
    public static readonly TimeSpan TrickleTimeout = TimeSpan.FromMilliseconds(750);

    /// <summary>For faults that fail (or succeed) at once: the time bound is then a hang detector.</summary>
    public static readonly TimeSpan RoomyTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Ten times what the slow-but-complete trickle needs (~180 bytes at 5 ms).</summary>
    public static readonly TimeSpan SlowTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan SlowGap = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan TrickleGap = TimeSpan.FromMilliseconds(50);

    // Built once: every 10 MB case writes the same bytes.
    private static readonly byte[] HugeJsonError = BuildHugeJsonError();
    private static readonly byte[] HugeChunk = Encoding.ASCII.GetBytes(Chunk(new string('y', 64 * 1024)));

    private static readonly byte[] InvalidUtf8Error = Concat("{\"message\":\"bad bytes: "u8, [0xFF, 0xFE, 0xC3, 0x28], "\",\"code\":\"server_error\"}"u8);
    private static readonly byte[] InvalidUtf8Completion = Concat(
        Encoding.UTF8.GetBytes(CompletionJson[..CompletionJson.IndexOf("Paris.", StringComparison.Ordinal)]),
        [0xC3, 0x28, 0xFF],
        Encoding.UTF8.GetBytes(CompletionJson[CompletionJson.IndexOf("Paris.", StringComparison.Ordinal)..]));

    private static readonly byte[] InvalidUtf8Chunk = Concat(
        Encoding.UTF8.GetBytes(StreamEvents[1][..StreamEvents[1].IndexOf("Paris.", StringComparison.Ordinal)]),
        [0xC3, 0x28, 0xFF],
        Encoding.UTF8.GetBytes(StreamEvents[1][StreamEvents[1].IndexOf("Paris.", StringComparison.Ordinal)..]));

    private const string HtmlPage = "<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><h1>Please sign in</h1></body></html>\n";

    public static IReadOnlyList<ChaosCase> All { get; } =
    [
        new("healthy", ChaosCall.Create, Healthy, RoomyTimeout, null, false),
        new("reset-before-headers", ChaosCall.Create, ResetBeforeHeaders, RoomyTimeout, typeof(ApiConnectionError), true),
        new("reset-mid-body", ChaosCall.Create, ResetMidBody, RoomyTimeout, typeof(ApiConnectionError), true),
        new("truncated-json-lying-content-length", ChaosCall.Create, TruncatedJson, RoomyTimeout, typeof(ApiConnectionError), true),
        new("error-500-truncated-body", ChaosCall.Create, TruncatedErrorBody, RoomyTimeout, typeof(ApiConnectionError), true),
        new("garbage-status-line", ChaosCall.Create, GarbageStatusLine, RoomyTimeout, typeof(ApiConnectionError), true),
        new("stall-headers-past-timeout", ChaosCall.Create, StallHeaders, StallTimeout, typeof(ApiTimeoutError), true),
        new("trickle-within-timeout", ChaosCall.Create, TrickleWithinTimeout, SlowTimeout, null, false),
        new("trickle-headers-past-timeout", ChaosCall.Create, TrickleHeadersPastTimeout, TrickleTimeout, typeof(ApiTimeoutError), true),
        new("trickle-body-past-timeout", ChaosCall.Create, TrickleBodyPastTimeout, TrickleTimeout, typeof(ApiTimeoutError), true),
        new("error-500-10mb-json-body", ChaosCall.Create, HugeJsonErrorBody, RoomyTimeout, typeof(InternalServerError), true, CappedBody),
        new("error-429-10mb-chunked-text-body", ChaosCall.Create, HugeChunkedRateLimitBody, RoomyTimeout, typeof(RateLimitError), true, CappedBody),
        new("error-500-invalid-utf8-body", ChaosCall.Create, InvalidUtf8ErrorBody, RoomyTimeout, typeof(InternalServerError), true, ReplacementCharacterInBody),
        new("ok-200-invalid-utf8-body", ChaosCall.Create, InvalidUtf8SuccessBody, RoomyTimeout, typeof(ApiError), false, CouldNotBeRead),
        new("ok-200-json-as-text-plain", ChaosCall.Create, () => Respond("ok-200-json-as-text-plain", 200, "text/plain; charset=utf-8", CompletionJson), RoomyTimeout, null, false),
        new("ok-200-json-as-text-html", ChaosCall.Create, () => Respond("ok-200-json-as-text-html", 200, "text/html", CompletionJson), RoomyTimeout, null, false),
        new("ok-200-html-page", ChaosCall.Create, () => Respond("ok-200-html-page", 200, "text/html; charset=utf-8", HtmlPage), RoomyTimeout, typeof(ApiError), false, CouldNotBeRead),
        new("ok-200-empty-body", ChaosCall.Create, () => Respond("ok-200-empty-body", 200, "application/json", string.Empty), RoomyTimeout, typeof(ApiError), false, CouldNotBeRead),
        new("ok-200-corrupt-gzip-body", ChaosCall.Create, () => CorruptGzip("ok-200-corrupt-gzip-body", 200), RoomyTimeout, typeof(ApiConnectionError), true),
        new("error-500-corrupt-gzip-body", ChaosCall.Create, () => CorruptGzip("error-500-corrupt-gzip-body", 500), RoomyTimeout, typeof(ApiConnectionError), true),
        new("sse-healthy", ChaosCall.Stream, HealthyStream, RoomyTimeout, null, false),
        new("sse-reset-before-headers", ChaosCall.Stream, ResetBeforeHeaders, RoomyTimeout, typeof(ApiConnectionError), true),
        new("sse-stall-headers-past-timeout", ChaosCall.Stream, StallHeaders, StallTimeout, typeof(ApiTimeoutError), true),
        new("sse-chunked-stops-mid-event", ChaosCall.Stream, ChunkedStreamStopsMidEvent, RoomyTimeout, typeof(ApiConnectionError), false),
        new("sse-eof-mid-event", ChaosCall.Stream, StreamEofMidEvent, RoomyTimeout, typeof(ApiConnectionError), false),
        new("sse-reset-mid-event", ChaosCall.Stream, StreamResetMidEvent, RoomyTimeout, typeof(ApiConnectionError), false),
        new("sse-stall-mid-stream", ChaosCall.Stream, StreamStallsMidStream, TrickleTimeout, typeof(ApiTimeoutError), false),
        new("sse-invalid-utf8-event", ChaosCall.Stream, StreamInvalidUtf8Event, RoomyTimeout, typeof(ApiError), false, CouldNotBeRead),
        new("sse-ok-200-html-page", ChaosCall.Stream, () => Respond("sse-ok-200-html-page", 200, "text/html; charset=utf-8", HtmlPage), RoomyTimeout, typeof(ApiError), false, CouldNotBeRead),
    ];

    public static ChaosCase Get(string name) => All.Single(c => c.Name == name);

    public static ChaosFault HealthyStream() => new("sse-healthy", async exchange =>
    {
        await exchange.WriteAsync(Head(200, "text/event-stream", null, "Transfer-Encoding: chunked") + "\r\n");
        foreach (var data in StreamEvents)
        {
            await exchange.WriteAsync(Chunk(Event(data)));
        }

        await exchange.WriteAsync("0\r\n\r\n");
        return ConnectionFate.KeepAlive;
    });

    private static ChaosFault ResetBeforeHeaders() => new("reset-before-headers", exchange => Task.FromResult(exchange.Reset()));

    private static ChaosFault ResetMidBody() => new("reset-mid-body", async exchange =>
    {
        await exchange.WriteAsync(Head(200, "application/json", CompletionJson.Length) + "\r\n" + CompletionJson[..40]);
        await Task.Delay(50, exchange.Stopping); // let the client read the headers, so that the reset lands in the body
        return exchange.Reset();
    });

    private static ChaosFault TruncatedJson() => new("truncated-json-lying-content-length", async exchange =>
    {
        await exchange.WriteAsync(Head(200, "application/json", CompletionJson.Length + 100) + "\r\n" + CompletionJson[..60]);
        return await exchange.CloseAsync();
    });

    private static ChaosFault TruncatedErrorBody() => new("error-500-truncated-body", async exchange =>
    {
        await exchange.WriteAsync(Head(500, "application/json", 1000) + "\r\n" + """{"message":"boom","co""");
        return await exchange.CloseAsync();
    });

    private static ChaosFault GarbageStatusLine() => new("garbage-status-line", async exchange =>
    {
        await exchange.WriteAsync("SSH-2.0-OpenSSH_9.6\r\n\r\n");
        return await exchange.CloseAsync();
    });

    private static ChaosFault StallHeaders() => new("stall-headers-past-timeout", exchange => exchange.WaitForClientToLeaveAsync());

    private static ChaosFault TrickleWithinTimeout() => new("trickle-within-timeout", async exchange =>
    {
        var response = Head(200, "application/json", TinyCompletionJson.Length) + "\r\n" + TinyCompletionJson;
        await exchange.TrickleAsync(Encoding.ASCII.GetBytes(response), SlowGap);
        return ConnectionFate.KeepAlive;
    });

    private static ChaosFault TrickleHeadersPastTimeout() => new("trickle-headers-past-timeout", async exchange =>
    {
        // 50 s worth of header bytes; the client leaves long before.
        var head = "HTTP/1.1 200 OK\r\n" + string.Concat(Enumerable.Repeat("X-Pad: 0\r\n", 100));
        await exchange.TrickleAsync(Encoding.ASCII.GetBytes(head), TrickleGap);
        return await exchange.WaitForClientToLeaveAsync();
    });

    private static ChaosFault TrickleBodyPastTimeout() => new("trickle-body-past-timeout", async exchange =>
    {
        // A length above the handler's 1 MB drain limit, so that the client closes the connection instead of draining it.
        await exchange.WriteAsync(Head(200, "application/json", 100_000_000) + "\r\n");
        await exchange.TrickleAsync(Encoding.ASCII.GetBytes("{\"id\":\"" + new string('x', 1000)), TrickleGap);
        return await exchange.WaitForClientToLeaveAsync();
    });

    private static ChaosFault HugeJsonErrorBody() => new("error-500-10mb-json-body", async exchange =>
    {
        await exchange.WriteAsync(Head(500, "application/json", HugeJsonError.Length) + "\r\n");
        for (var offset = 0; offset < HugeJsonError.Length; offset += 64 * 1024)
        {
            await exchange.WriteAsync(HugeJsonError.AsMemory(offset, Math.Min(64 * 1024, HugeJsonError.Length - offset)));
        }

        return ConnectionFate.KeepAlive;
    });

    private static ChaosFault HugeChunkedRateLimitBody() => new("error-429-10mb-chunked-text-body", async exchange =>
    {
        await exchange.WriteAsync(Head(429, "text/plain", null, "Transfer-Encoding: chunked") + "\r\n");
        for (var sent = 0; sent < HugeBodyBytes; sent += 64 * 1024)
        {
            await exchange.WriteAsync(HugeChunk);
        }

        await exchange.WriteAsync("0\r\n\r\n");
        return ConnectionFate.KeepAlive;
    });

    private static ChaosFault InvalidUtf8ErrorBody() => Respond("error-500-invalid-utf8-body", 500, "application/json", InvalidUtf8Error);

    private static ChaosFault InvalidUtf8SuccessBody() => Respond("ok-200-invalid-utf8-body", 200, "application/json", InvalidUtf8Completion);

    private static ChaosFault ChunkedStreamStopsMidEvent() => new("sse-chunked-stops-mid-event", async exchange =>
    {
        var second = Event(StreamEvents[1]);
        await exchange.WriteAsync(Head(200, "text/event-stream", null, "Transfer-Encoding: chunked") + "\r\n" + Chunk(Event(StreamEvents[0])));
        await exchange.WriteAsync($"{Encoding.UTF8.GetByteCount(second):x}\r\n{second[..(second.Length / 2)]}");
        return await exchange.CloseAsync();
    });

    private static ChaosFault StreamEofMidEvent() => new("sse-eof-mid-event", async exchange =>
    {
        // No length, no chunking: the body ends where the connection does, so the client's HTTP stack sees a clean end.
        var second = Event(StreamEvents[1]);
        await exchange.WriteAsync(Head(200, "text/event-stream", null, "Connection: close") + "\r\n" + Event(StreamEvents[0]) + second[..(second.Length / 2)]);
        return await exchange.CloseAsync();
    });

    private static ChaosFault StreamResetMidEvent() => new("sse-reset-mid-event", async exchange =>
    {
        var second = Event(StreamEvents[1]);
        await exchange.WriteAsync(Head(200, "text/event-stream", null, "Transfer-Encoding: chunked") + "\r\n" + Chunk(Event(StreamEvents[0])));
        await exchange.WriteAsync($"{Encoding.UTF8.GetByteCount(second):x}\r\n{second[..(second.Length / 2)]}");
        await Task.Delay(50, exchange.Stopping);
        return exchange.Reset();
    });

    private static ChaosFault StreamStallsMidStream() => new("sse-stall-mid-stream", async exchange =>
    {
        await exchange.WriteAsync(Head(200, "text/event-stream", null, "Transfer-Encoding: chunked") + "\r\n" + Chunk(Event(StreamEvents[0])));
        return await exchange.WaitForClientToLeaveAsync();
    });

    /// <summary>Says gzip, sends bytes that are not: the client's decompression (on in the SDK's own handler) fails part way.</summary>
    private static ChaosFault CorruptGzip(string name, int status) => new(name, async exchange =>
    {
        byte[] body = [0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, .. Encoding.ASCII.GetBytes("this is not deflate data at all")];
        await exchange.WriteAsync(Head(status, "application/json", body.Length, "Content-Encoding: gzip") + "\r\n");
        await exchange.WriteAsync(body);
        return ConnectionFate.KeepAlive;
    });

    private static ChaosFault StreamInvalidUtf8Event() => new("sse-invalid-utf8-event", async exchange =>
    {
        await exchange.WriteAsync(Head(200, "text/event-stream", null, "Transfer-Encoding: chunked") + "\r\n" + Chunk(Event(StreamEvents[0])));
        byte[] data = [.. "data: "u8, .. InvalidUtf8Chunk, .. "\n\n"u8];
        await exchange.WriteAsync(Encoding.ASCII.GetBytes($"{data.Length:x}\r\n"));
        await exchange.WriteAsync(data);
        await exchange.WriteAsync("\r\n" + Chunk(Event("[DONE]")) + "0\r\n\r\n");
        return ConnectionFate.KeepAlive;
    });

    private static void CappedBody(ApiError error) =>
        Assert.InRange(error.ResponseBody?.Length ?? 0, 1, 65_536);

    private static void ReplacementCharacterInBody(ApiError error) =>
        Assert.Contains('\uFFFD', error.ResponseBody ?? string.Empty);

    private static void CouldNotBeRead(ApiError error) =>
        Assert.Contains("could not be read", error.Message, StringComparison.Ordinal);

    private static byte[] BuildHugeJsonError()
    {
        var prefix = "{\"success\":false,\"code\":\"server_error\",\"message\":\""u8;
        var suffix = "\"}"u8;
        var body = new byte[HugeBodyBytes];
        prefix.CopyTo(body);
        body.AsSpan(prefix.Length, HugeBodyBytes - prefix.Length - suffix.Length).Fill((byte)'x');
        suffix.CopyTo(body.AsSpan(HugeBodyBytes - suffix.Length));
        return body;
    }

    private static byte[] Concat(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c) => [.. a, .. b, .. c];
}
