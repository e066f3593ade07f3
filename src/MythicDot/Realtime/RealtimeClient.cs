using System.Net;
using System.Net.WebSockets;
using System.Text;
using MythicDot.Errors;
using MythicDot.Internal;

namespace MythicDot.Realtime;

/// <summary>Opens realtime sessions (<c>wss://api.mythicdot.ai/v1/realtime</c>): speech and text in both directions over one WebSocket. Thread-safe.</summary>
/// <remarks>
/// The URL is the client's <see cref="MythicDotClient.BaseUrl"/> with <c>realtime</c> appended and <c>https</c> turned into <c>wss</c>
/// (<c>http</c> into <c>ws</c>, which <see cref="MythicDotClientOptions.AllowInsecureHttp"/> governs as it governs <c>http</c>: only to
/// loopback unless allowed). The handshake carries the key (<see cref="RealtimeSessionOptions.Authentication"/>), the SDK's
/// <c>User-Agent</c>, <see cref="MythicDotClientOptions.ApiVersion"/> and <see cref="MythicDotClientOptions.DefaultHeaders"/>; it is
/// bounded by <see cref="MythicDotClientOptions.Timeout"/> and not retried. It goes through .NET's own WebSocket stack, not the client's
/// <see cref="HttpClient"/>.
/// </remarks>
public class RealtimeClient
{
    /// <summary>The subprotocol that names the API, sent with <see cref="RealtimeAuthentication.Subprotocol"/>.</summary>
    internal const string ApiSubprotocol = "realtime";

    /// <summary>The prefix of the subprotocol that carries the key.</summary>
    internal const string KeySubprotocolPrefix = "mythicdot-api-key.";

    private readonly ClientState _state = null!;

    /// <summary>Initializes a new instance of the <see cref="RealtimeClient"/> class for mocking.</summary>
    protected RealtimeClient()
    {
    }

    internal RealtimeClient(ClientState state)
    {
        _state = state;
    }

    /// <summary>Opens a realtime session with the default options.</summary>
    /// <param name="cancellationToken">Cancels the handshake; surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <returns>The open session; dispose it to close the connection.</returns>
    /// <exception cref="AuthenticationError">The server refused the key (HTTP 401).</exception>
    /// <exception cref="ApiError">The server refused the handshake with another status; the subtype says which (for example <see cref="RateLimitError"/> for 429).</exception>
    /// <exception cref="ApiConnectionError">The server could not be reached, or the handshake failed without a status.</exception>
    /// <exception cref="ApiTimeoutError">The handshake took longer than <see cref="MythicDotClientOptions.Timeout"/>.</exception>
    /// <remarks>Calls <see cref="ConnectAsync(RealtimeSessionOptions?, CancellationToken)"/>, the overload to fake in a test.</remarks>
    public Task<RealtimeSession> ConnectAsync(CancellationToken cancellationToken) => ConnectAsync(null, cancellationToken);

    /// <summary>Opens a realtime session.</summary>
    /// <param name="options">The model, how the key is sent, and limits; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the handshake; surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <returns>The open session; dispose it to close the connection. The server's first event is <see cref="SessionCreatedEvent"/>.</returns>
    /// <exception cref="ArgumentException">The options are invalid; nothing was sent.</exception>
    /// <exception cref="AuthenticationError">The server refused the key (HTTP 401).</exception>
    /// <exception cref="ApiError">The server refused the handshake with another status; the subtype says which (for example <see cref="RateLimitError"/> for 429).</exception>
    /// <exception cref="ApiConnectionError">The server could not be reached, or the handshake failed without a status.</exception>
    /// <exception cref="ApiTimeoutError">The handshake took longer than <see cref="MythicDotClientOptions.Timeout"/>.</exception>
    /// <remarks>On .NET 8 and later a refused handshake is typed by its HTTP status (and <c>Retry-After</c> is read); the netstandard2.0
    /// build cannot see the status, so there every refused handshake is an <see cref="ApiConnectionError"/>. The server's error body is not
    /// readable through a WebSocket handshake, so <see cref="ApiError.Code"/> is <see langword="null"/> there.</remarks>
    public virtual async Task<RealtimeSession> ConnectAsync(RealtimeSessionOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new RealtimeSessionOptions();
        Validate(options, nameof(options));
        var settings = _state.Options;
        var uri = UriFor(_state.BaseUrl, options.Model);
        var socket = new ClientWebSocket();
        try
        {
            Configure(socket.Options, options);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        using var timeout = new AttemptTimeout(settings.Timeout, settings.TimeProvider, cancellationToken);
        try
        {
            await socket.ConnectAsync(uri, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            var error = ConnectFailure(socket, exception, timeout, cancellationToken);
            socket.Dispose();
            if (error is null)
            {
                throw;
            }

            Log.RealtimeConnectFailed(_state.Logger, uri.AbsolutePath, error.GetType().Name, error);
            throw error;
        }

        Log.RealtimeConnected(_state.Logger, uri.AbsolutePath, options.Authentication == RealtimeAuthentication.Header ? "Authorization header" : "subprotocol");
        var context = new RealtimeSessionContext(options.MaxMessageBytes, options.CloseTimeout, settings.TimeProvider, new ErrorContext(settings.TimeProvider, settings.ApiKey), _state.Logger);
        return new RealtimeSession(socket, uri, context);
    }

    /// <summary>The session URL for a base URL: <c>https</c> to <c>wss</c>, <c>http</c> to <c>ws</c>, <c>realtime</c> appended, the model as a query parameter.</summary>
    internal static Uri UriFor(Uri baseUrl, string? model)
    {
        var resolved = new Uri(baseUrl, "realtime");
        var scheme = resolved.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        var text = new StringBuilder(scheme).Append("://").Append(resolved.Authority).Append(resolved.AbsolutePath);
        if (model is not null)
        {
            text.Append("?model=").Append(Uri.EscapeDataString(model));
        }

        return new Uri(text.ToString());
    }

    private static void Validate(RealtimeSessionOptions options, string paramName)
    {
        if (options.Model is { } model && string.IsNullOrWhiteSpace(model))
        {
            throw new ArgumentException("RealtimeSessionOptions.Model is blank; leave it null for the API's default model.", paramName);
        }

        if (options.Authentication is not (RealtimeAuthentication.Header or RealtimeAuthentication.Subprotocol))
        {
            throw new ArgumentException($"RealtimeSessionOptions.Authentication has an unknown value ({(int)options.Authentication}).", paramName);
        }

        if (options.MaxMessageBytes < 1024)
        {
            throw new ArgumentException($"RealtimeSessionOptions.MaxMessageBytes must be at least 1024 (was {options.MaxMessageBytes}).", paramName);
        }

        if (options.CloseTimeout <= TimeSpan.Zero && options.CloseTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException($"RealtimeSessionOptions.CloseTimeout must be positive (was {options.CloseTimeout}).", paramName);
        }
    }

    /// <summary>A subprotocol is an HTTP token (RFC 6455 section 4.1): a key with other characters cannot travel in one.</summary>
    private static bool IsToken(string value)
    {
        foreach (var c in value)
        {
            if (c <= 0x20 || c >= 0x7F || "\"(),/:;<=>?@[\\]{}".Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private void Configure(ClientWebSocketOptions socket, RealtimeSessionOptions options)
    {
        var settings = _state.Options;
        if (options.Authentication == RealtimeAuthentication.Subprotocol)
        {
            // Checked here so that the key never reaches ClientWebSocket's own message, which quotes an invalid subprotocol.
            if (!IsToken(settings.ApiKey!))
            {
                throw new ArgumentException("The API key has characters a WebSocket subprotocol cannot carry; use RealtimeAuthentication.Header.", nameof(options));
            }

            socket.AddSubProtocol(ApiSubprotocol);
            socket.AddSubProtocol(KeySubprotocolPrefix + settings.ApiKey);
        }
        else
        {
            socket.SetRequestHeader("Authorization", _state.Authorization);
        }

        try
        {
            socket.SetRequestHeader("User-Agent", _state.UserAgent);
        }
        catch (ArgumentException)
        {
            // .NET Framework's WebSocket refuses to set User-Agent; the platform's is sent there.
        }

        if (settings.ApiVersion is { } version)
        {
            socket.SetRequestHeader(MythicDotDefaults.VersionHeader, version);
        }

        foreach (var pair in settings.DefaultHeaders)
        {
            socket.SetRequestHeader(pair.Key, pair.Value);
        }

#if NET
        socket.CollectHttpResponseDetails = true;
#endif
    }

    /// <summary>The typed error for a failed handshake, or <see langword="null"/> to rethrow the caller's cancellation as it is.</summary>
    private ApiError? ConnectFailure(ClientWebSocket socket, Exception exception, AttemptTimeout timeout, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        var apiKey = _state.Options.ApiKey;
        if (timeout.TimedOut)
        {
            return ErrorMapper.Timeout(_state.Options.Timeout, Sanitized(exception, apiKey));
        }

#if NET
        if (socket.HttpStatusCode is var status && (int)status is >= 300 and <= 599)
        {
            using var response = new HttpResponseMessage(status);
            foreach (var header in socket.HttpResponseHeaders ?? new Dictionary<string, IEnumerable<string>>())
            {
                response.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            return ErrorMapper.FromResponse(ErrorResponse.Of(response), default, null, new ErrorContext(_state.Options.TimeProvider, apiKey));
        }
#endif

        return exception is WebSocketException or HttpRequestException or IOException
            ? ErrorMapper.Connection(Sanitized(exception, apiKey))
            : null;
    }

    /// <summary>The exception itself, or, when its text would carry the key (ClientWebSocket quotes the subprotocols it sent), one without it.</summary>
    private static Exception Sanitized(Exception exception, string? apiKey)
    {
        if (string.IsNullOrEmpty(apiKey) || exception.ToString().IndexOf(apiKey, StringComparison.Ordinal) < 0)
        {
            return exception;
        }

        return new WebSocketException(ErrorMapper.Redact(exception.Message, apiKey)!);
    }
}
