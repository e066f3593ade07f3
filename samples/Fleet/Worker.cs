using System.Diagnostics;
using System.Globalization;
using MythicDot;
using MythicDot.Chat;
using MythicDot.Redis;
using StackExchange.Redis;

/// <summary>One worker process of the fleet: its callers send chat requests as fast as the limits let them (or one every pace)
/// until the run's deadline, and a call started before the deadline runs to its end.</summary>
/// <remarks>Protocol with the coordinator: the worker prints <c>ready</c> once its client (and Redis connection) is made, waits
/// for <c>go</c> on standard input, and ends with one line <c>done &lt;succeeded&gt; &lt;failed&gt; &lt;first error&gt;</c>.</remarks>
internal static class Worker
{
    public static async Task<int> RunAsync(WorkerSettings settings)
    {
        var options = new MythicDotClientOptions { ApiKey = settings.ApiKey, BaseUrl = settings.BaseUrl };
        options.DefaultHeaders[Fleet.WorkerHeader] = settings.Id.ToString(CultureInfo.InvariantCulture);

        IConnectionMultiplexer? redis = null;
        MythicDotRedisRateLimits? limits = null;
        if (settings.Redis is { } address)
        {
            // The account's limits, shared on Redis by every worker; the multiplexer is made once per process and reused.
            redis = await ConnectionMultiplexer.ConnectAsync(address);
            limits = new MythicDotRedisRateLimits(redis, new MythicDotRedisLimitOptions
            {
                RequestsPerMinute = Fleet.Limit,
                Window = Fleet.Window,
                KeyPrefix = settings.KeyPrefix,
            });
            limits.Apply(options);
        }

        var client = new MythicDotClient(options);
        Console.WriteLine("ready");
        if (Console.ReadLine() != "go")
        {
            return 2;
        }

        var deadline = Stopwatch.GetTimestamp() + (long)(settings.Duration.TotalSeconds * Stopwatch.Frequency);
        var succeeded = 0;
        var failed = 0;
        string? firstError = null;
        await Task.WhenAll(Enumerable.Range(0, settings.Callers).Select(caller => Task.Run(async () =>
        {
            // Paced callers start spread over one pace, then start a call every pace; unpaced ones call back to back.
            var pace = settings.Pace;
            if (pace > TimeSpan.Zero)
            {
                await Task.Delay(pace * Random.Shared.NextDouble());
            }

            for (var call = 0; Stopwatch.GetTimestamp() < deadline; call++)
            {
                var began = Stopwatch.GetTimestamp();
                var request = new ChatCompletionRequest
                {
                    Model = "mythic-4",
                    Messages = [ChatMessage.User($"Worker {settings.Id}, caller {caller}, call {call}: one word, please.")],
                };
                try
                {
                    await client.Chat.Completions.CreateAsync(request);
                    Interlocked.Increment(ref succeeded);
                }
                catch (ApiError error)
                {
                    Interlocked.Increment(ref failed);
                    Interlocked.CompareExchange(ref firstError, $"{error.GetType().Name}: {error.Message}", null);
                }

                var rest = pace - Stopwatch.GetElapsedTime(began);
                if (rest > TimeSpan.Zero && Stopwatch.GetTimestamp() + (long)(rest.TotalSeconds * Stopwatch.Frequency) < deadline)
                {
                    await Task.Delay(rest);
                }
            }
        })));

        Console.WriteLine($"done {succeeded} {failed} {(firstError ?? "-").ReplaceLineEndings(" ")}");
        if (limits is not null)
        {
            await limits.DisposeAsync();
        }

        if (redis is not null)
        {
            await redis.DisposeAsync();
        }

        return 0;
    }
}

/// <summary>What a worker is told on its command line.</summary>
internal sealed record WorkerSettings(int Id, Uri BaseUrl, string ApiKey, string? Redis, string KeyPrefix, int Callers, TimeSpan Duration, TimeSpan Pace)
{
    public string[] ToArguments() =>
    [
        "worker", Id.ToString(CultureInfo.InvariantCulture), BaseUrl.ToString(), ApiKey, Redis ?? "-", KeyPrefix,
        Callers.ToString(CultureInfo.InvariantCulture), Duration.TotalSeconds.ToString(CultureInfo.InvariantCulture),
        Pace.TotalSeconds.ToString(CultureInfo.InvariantCulture),
    ];

    public static WorkerSettings Parse(string[] args)
    {
        if (args is not ["worker", var id, var baseUrl, var apiKey, var redis, var prefix, var callers, var seconds, var pace])
        {
            throw new ArgumentException("usage: Fleet worker <id> <base url> <api key> <redis host:port or -> <key prefix> <callers> <seconds> <pace seconds, 0 for none>");
        }

        return new WorkerSettings(
            int.Parse(id, CultureInfo.InvariantCulture),
            new Uri(baseUrl),
            apiKey,
            redis == "-" ? null : redis,
            prefix,
            int.Parse(callers, CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(double.Parse(seconds, CultureInfo.InvariantCulture)),
            TimeSpan.FromSeconds(double.Parse(pace, CultureInfo.InvariantCulture)));
    }
}
