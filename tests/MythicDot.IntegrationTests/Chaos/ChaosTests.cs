using System.Diagnostics;
using System.Net;
using System.Text;

namespace MythicDot.IntegrationTests.Chaos;

/// <summary>How a chaos case retries, and whether the fault outlasts the retries.</summary>
public enum RetryMode
{
    /// <summary>MaxRetries 0; every request faulted.</summary>
    Off,

    /// <summary>MaxRetries 2; every request faulted.</summary>
    OnFaultAlways,

    /// <summary>MaxRetries 2; the first request faulted, the rest answered healthily.</summary>
    OnFaultOnce,
}

/// <summary>
/// Every fault the network and the API can produce, over real sockets (<see cref="ChaosServer"/>), with retries off and on:
/// the call ends in success or in its documented <see cref="ApiError"/> subtype, within a bound derived from the per-attempt
/// timeout, never leaks a raw exception, and leaves no connection open.
/// </summary>
public sealed class ChaosTests
{
    private const int MaxRetries = 2;
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMilliseconds(10);

    /// <summary>Room for a 2-core machine that other builds share; the bounds catch hangs, not slowness.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan CloseWindow = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, RetryMode> Cases
    {
        get
        {
            var data = new TheoryData<string, RetryMode>();
            foreach (var chaos in ChaosCatalog.All)
            {
                foreach (var mode in Enum.GetValues<RetryMode>())
                {
                    data.Add(chaos.Name, mode);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Call_ChaosFault_EndsInDocumentedOutcomeWithinBoundAndReleasesEveryConnection(string fault, RetryMode mode)
    {
        var chaos = ChaosCatalog.Get(fault);
        var healthy = chaos.Call == ChaosCall.Stream ? ChaosCatalog.HealthyStream() : ChaosFault.Healthy();
        await using var server = new ChaosServer(n => mode == RetryMode.OnFaultOnce && n > 1 ? healthy : chaos.Fault());
        // Configured like the SDK's own shared handler (decompression on), but owned here so that the test can dispose it.
        var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5), AutomaticDecompression = DecompressionMethods.All };
        var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        var client = new MythicDotClient(http, new MythicDotClientOptions
        {
            ApiKey = "sk-chaos-key",
            BaseUrl = server.BaseUrl,
            MaxRetries = mode == RetryMode.Off ? 0 : MaxRetries,
            InitialRetryDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = MaxRetryDelay,
            Timeout = chaos.Timeout,
        });

        var retried = chaos.Retried && mode != RetryMode.Off;
        var expectSuccess = chaos.Error is null || (retried && mode == RetryMode.OnFaultOnce);
        var expectedAttempts = !retried ? 1 : mode == RetryMode.OnFaultOnce ? 2 : MaxRetries + 1;
        var bound = (chaos.Timeout * expectedAttempts) + (MaxRetryDelay * (expectedAttempts - 1)) + Slack;

        var stopwatch = Stopwatch.StartNew();
        var outcome = await RunAsync(client, chaos.Call).WaitAsync(bound + Slack, Ct); // a TimeoutException here is a hang
        stopwatch.Stop();
        http.Dispose();
        var open = await server.WaitForOpenConnectionsAsync(CloseWindow);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{fault} / {mode}: {outcome.Error?.GetType().Name ?? "success"} after {outcome.Attempts} attempt(s), {stopwatch.ElapsedMilliseconds} ms (bound {bound.TotalMilliseconds} ms), {server.AcceptedConnections} connection(s) accepted, {open} open");

        if (expectSuccess)
        {
            Assert.True(outcome.Error is null, $"Expected success, got {outcome.Error}");
            Assert.Equal("Paris.", outcome.Text);
        }
        else
        {
            Assert.True(outcome.Error is ApiError, $"A raw exception reached the caller: {outcome.Error}");
            Assert.IsType(chaos.Error!, outcome.Error);
            chaos.Check?.Invoke((ApiError)outcome.Error!);
        }

        Assert.Equal(expectedAttempts, outcome.Attempts);
        Assert.Equal(expectedAttempts, server.Requests);
        Assert.True(stopwatch.Elapsed < bound, $"Took {stopwatch.Elapsed}, over the bound of {bound}.");
        Assert.True(open == 0, $"{open} of {server.AcceptedConnections} connections still open {CloseWindow.TotalSeconds} s after the HttpClient was disposed.");
    }

    [Fact]
    public async Task WaitForOpenConnectionsAsync_ResponseLeftUndisposed_CountsItOpenUntilDisposed()
    {
        // Shows that the socket check can fail: disposing the HttpClient does not close a connection a response still holds.
        await using var server = new ChaosServer(_ => ChaosCatalog.Get("trickle-body-past-timeout").Fault());
        var http = new HttpClient(new SocketsHttpHandler());
        var response = await http.GetAsync(server.BaseUrl, HttpCompletionOption.ResponseHeadersRead, Ct);

        http.Dispose();
        var openWhileHeld = await server.WaitForOpenConnectionsAsync(TimeSpan.FromMilliseconds(500));
        response.Dispose();
        var openAfterRelease = await server.WaitForOpenConnectionsAsync(CloseWindow);

        Assert.Equal(1, openWhileHeld);
        Assert.Equal(0, openAfterRelease);
    }

    [Fact]
    public void Cases_CoverEveryFaultWithRetriesOnAndOff()
    {
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{ChaosCatalog.All.Count} faults x {Enum.GetValues<RetryMode>().Length} retry modes = {Cases.Count} chaos cases: {string.Join(", ", ChaosCatalog.All.Select(c => c.Name))}");

        Assert.Equal(ChaosCatalog.All.Count * 3, Cases.Count);
        Assert.Equal(ChaosCatalog.All.Count, ChaosCatalog.All.Select(c => c.Name).Distinct().Count());
    }

    private static async Task<Outcome> RunAsync(MythicDotClient client, ChaosCall call)
    {
        var request = new ChatCompletionRequest { Model = "mythic-4", Messages = [ChatMessage.User("Capital of France?")] };
        try
        {
            if (call == ChaosCall.Create)
            {
                var completion = await client.Chat.Completions.CreateAsync(request, Ct);
                return new Outcome(completion.Response!.Attempts, completion.Choices[0].Message.Content, null);
            }

            var text = new StringBuilder();
            var attempts = 0;
            await foreach (var chunk in client.Chat.Completions.CreateStreamingAsync(request, Ct))
            {
                attempts = chunk.Response!.Attempts;
                text.Append(chunk.Choices[0].Delta.Content);
            }

            return new Outcome(attempts, text.ToString(), null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !Ct.IsCancellationRequested)
        {
            return new Outcome((exception as ApiError)?.Attempts ?? 0, null, exception);
        }
    }

    private sealed record Outcome(int Attempts, string? Text, Exception? Error);
}
