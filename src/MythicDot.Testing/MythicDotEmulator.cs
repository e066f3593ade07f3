using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MythicDot.Testing.Internal;

namespace MythicDot.Testing;

/// <summary>
/// An in-process emulator of the MythicDot API: a real HTTP server on <c>127.0.0.1</c> with a free port, serving
/// <c>/v1/chat/completions</c> (streamed too), <c>/v1/embeddings</c>, <c>/v1/images/generations</c>, <c>/v1/models</c> and
/// <c>/v1/moderations</c>, and realtime sessions over a WebSocket at <c>/v1/realtime</c>, with the API's validation and errors, deterministic answers, rate-limit headers, faults on demand
/// and a record of every request.
/// </summary>
/// <remarks>
/// <code>
/// await using var emulator = await MythicDotEmulator.StartAsync();
/// var client = emulator.CreateClient();
/// emulator.EnqueueFault(EmulatorFault.Status(429, ErrorCodes.RateLimitExceeded, "Rate limit exceeded", retryAfter: RetryAfterForm.Seconds(2)));
/// var completion = await client.Chat.Completions.CreateAsync(request);   // retried after 2 s, then answered
/// </code>
/// The emulator accepts only <see cref="ApiKey"/> (401 <c>invalid_api_key</c> otherwise), answers chat completions with
/// <c>Echo: </c> and the last user message (or a tool call when the prompt names an offered tool), derives embeddings from
/// the input text, knows the models API.md lists, and adds <c>x-request-id</c> and the <c>x-ratelimit-*</c> headers of a
/// <see cref="MythicDotEmulatorOptions.RateLimitWindow"/> (one minute by default) to every response. It is thread-safe.
/// Dispose it to stop the server.
/// </remarks>
public sealed class MythicDotEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorState _state;
    private int _disposed;

    private MythicDotEmulator(WebApplication app, EmulatorState state, Uri baseUrl)
    {
        _app = app;
        _state = state;
        BaseUrl = baseUrl;
    }

    /// <summary>Gets the base URL to give a client, <c>http://127.0.0.1:{port}/v1/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Gets the only API key the emulator accepts (<see cref="MythicDotEmulatorOptions.ApiKey"/>).</summary>
    public string ApiKey => _state.ApiKey;

    /// <summary>Gets the admin key the emulator accepts on the Admin API (<see cref="MythicDotEmulatorOptions.AdminKey"/>).</summary>
    public string AdminKey => _state.Admin.ConfiguredKey;

    /// <summary>Gets a snapshot of the requests received so far, oldest first, faulted and rejected ones included.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _state.Requests;

    /// <summary>Gets a snapshot of the realtime sessions served so far (<c>GET /v1/realtime</c>), oldest first: the client events each received
    /// and how it ended. Each handshake is also in <see cref="Requests"/>.</summary>
    public IReadOnlyList<RecordedRealtimeSession> RealtimeSessions => _state.RealtimeSessions;

    /// <summary>Gets how many queued faults no request has taken yet.</summary>
    public int PendingFaultCount => _state.PendingFaultCount;

    /// <summary>Starts an emulator with the default options (key <c>sk-emulator-key</c>, the system clock).</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator; dispose it to stop it.</returns>
    public static Task<MythicDotEmulator> StartAsync(CancellationToken cancellationToken) =>
        StartAsync(null, cancellationToken);

    /// <summary>Starts an emulator on <c>127.0.0.1</c> with a free port.</summary>
    /// <param name="options">The options; <see langword="null"/> for the defaults. Read once, now.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator; dispose it to stop it.</returns>
    /// <exception cref="ArgumentException">The options are invalid (an empty key, no clock, a chunk size, requests or tokens per minute below 1, a <see cref="MythicDotEmulatorOptions.RateLimitWindow"/> not positive or over one day).</exception>
    public static async Task<MythicDotEmulator> StartAsync(MythicDotEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new MythicDotEmulatorOptions();
        if (string.IsNullOrWhiteSpace(options.ApiKey) || options.ApiKey.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ArgumentException("MythicDotEmulatorOptions.ApiKey must be a non-empty key without white space.", nameof(options));
        }

        if (options.TimeProvider is null)
        {
            throw new ArgumentException("MythicDotEmulatorOptions.TimeProvider must not be null.", nameof(options));
        }

        if (options.StreamChunkSize < 1)
        {
            throw new ArgumentException("MythicDotEmulatorOptions.StreamChunkSize must be at least 1.", nameof(options));
        }

        if (options.BatchDuration is { } batchDuration && batchDuration <= TimeSpan.Zero)
        {
            throw new ArgumentException("MythicDotEmulatorOptions.BatchDuration must be positive, or null for the default.", nameof(options));
        }

        if (options.RequestsPerMinute < 1)
        {
            throw new ArgumentException("MythicDotEmulatorOptions.RequestsPerMinute must be at least 1, or null for no limit.", nameof(options));
        }

        if (options.TokensPerMinute < 1)
        {
            throw new ArgumentException("MythicDotEmulatorOptions.TokensPerMinute must be at least 1, or null for no limit.", nameof(options));
        }

        if (options.RateLimitWindow <= TimeSpan.Zero || options.RateLimitWindow > EmulatorDefaults.MaxRateLimitWindow)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"MythicDotEmulatorOptions.RateLimitWindow must be positive and at most one day; it was {options.RateLimitWindow}."),
                nameof(options));
        }

        var state = new EmulatorState(options);

        // The empty builder reads no configuration files or environment variables and adds no loggers,
        // so that nothing in the host process (appsettings.json, ASPNETCORE_URLS) changes the emulator.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(MythicDotEmulator).Assembly.GetName().Name });
        builder.Services.AddSingleton<IHostLifetime, EmulatorHostLifetime>();
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
        });

        var app = builder.Build();
        var middleware = new EmulatorMiddleware(state);
        app.UseWebSockets();
        app.Use(next => http => middleware.InvokeAsync(http, next));
        EmulatorEndpoints.Map(app);

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
            var port = new Uri(addresses.First()).Port;
            return new MythicDotEmulator(app, state, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/v1/")));
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            state.Dispose();
            throw;
        }
    }

    /// <summary>Creates client options that point at the emulator: <see cref="MythicDotClientOptions.ApiKey"/> and
    /// <see cref="MythicDotClientOptions.BaseUrl"/> are filled in, the rest are the defaults.</summary>
    /// <returns>New options, the caller's to change.</returns>
    public MythicDotClientOptions CreateClientOptions() => new() { ApiKey = ApiKey, BaseUrl = BaseUrl };

    /// <summary>Creates a client that talks to the emulator.</summary>
    /// <param name="configure">Changes the options from <see cref="CreateClientOptions"/> before the client is built,
    /// for example <c>o =&gt; o.MaxRetries = 0</c>; <see langword="null"/> to keep them.</param>
    /// <returns>The client.</returns>
    /// <exception cref="ObjectDisposedException">The emulator is disposed.</exception>
    public MythicDotClient CreateClient(Action<MythicDotClientOptions>? configure = null)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var options = CreateClientOptions();
        configure?.Invoke(options);
        return new MythicDotClient(options);
    }

    /// <summary>Creates an admin client that talks to the emulator's Admin API with <see cref="AdminKey"/>.</summary>
    /// <param name="configure">Changes the options (key and base URL filled in) before the client is built; <see langword="null"/> to keep them.</param>
    /// <returns>The admin client.</returns>
    /// <exception cref="ObjectDisposedException">The emulator is disposed.</exception>
    public MythicDot.Admin.MythicDotAdminClient CreateAdminClient(Action<MythicDotClientOptions>? configure = null)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var options = new MythicDotClientOptions { ApiKey = AdminKey, BaseUrl = BaseUrl };
        configure?.Invoke(options);
        return new MythicDot.Admin.MythicDotAdminClient(options);
    }

    /// <summary>Queues a fault for a coming request. Each request takes the first queued fault that applies to it.</summary>
    /// <param name="fault">The fault, from <see cref="EmulatorFault.Status"/>, <see cref="EmulatorFault.Reset"/> and the other factories.</param>
    /// <param name="path">Only requests to this path take the fault: relative to <see cref="BaseUrl"/> (<c>chat/completions</c>)
    /// or absolute (<c>/v1/models</c>). <see langword="null"/> for any request.</param>
    /// <exception cref="ObjectDisposedException">The emulator is disposed.</exception>
    public void EnqueueFault(EmulatorFault fault, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        _state.EnqueueFault(fault, path);
    }

    /// <summary>Forgets the requests and realtime sessions recorded so far.</summary>
    public void ClearRequests() => _state.ClearRequests();

    /// <summary>Stops the server: stalled requests end, open connections close, the port is released.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _state.Shutdown();

        // The real clock, never the options' one: a fake clock would never let the shutdown time out.
        using var timeout = new CancellationTokenSource(EmulatorDefaults.ShutdownTimeout, TimeProvider.System);
        try
        {
            await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Kestrel has dropped the connections that were still open.
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _state.Dispose();
    }
}
