using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MythicDot.Errors;
using MythicDot.Resilience;
using Polly;

namespace MythicDot.Internal;

/// <summary>
/// Sends one logical API call: builds a fresh request per attempt, enforces the per-attempt timeout,
/// maps every failure to a typed <see cref="ApiError"/>, and retries through the Polly pipeline.
/// </summary>
internal sealed partial class ApiTransport
{
    private static readonly byte[] SuccessPropertyUtf8 = "\"success\""u8.ToArray();

    private readonly HttpClient _httpClient;
    private readonly MythicDotClientOptions _options;
    private readonly string _authorization;
    private readonly ResiliencePipeline _defaultPipeline;
    private readonly ConcurrentDictionary<int, ResiliencePipeline> _pipelines = new();

    /// <param name="httpClient">The client to send with.</param>
    /// <param name="options">Options already resolved from the environment and validated.</param>
    public ApiTransport(HttpClient httpClient, MythicDotClientOptions options)
    {
        _httpClient = httpClient;
        _options = options;
        BaseUrl = WithTrailingSlash(options.BaseUrl!);
        _authorization = "Bearer " + options.ApiKey;
        _defaultPipeline = RetryPipelineFactory.Create(options, options.MaxRetries);
    }

    public Uri BaseUrl { get; }

    public MythicDotClientOptions Options => _options;

    /// <summary>Sends a call and deserializes a successful JSON body as <typeparamref name="T"/>.</summary>
    public async Task<T> SendAsync<T>(
        HttpMethod method,
        string relativePath,
        byte[]? body,
        JsonTypeInfo<T> responseType,
        RequestOptions? requestOptions,
        CancellationToken cancellationToken,
        Func<T>? emptyBody = null)
    {
        requestOptions?.Validate();
        var call = new Call<T>(this, method, new Uri(BaseUrl, relativePath), body, responseType, requestOptions, emptyBody);
        var pipeline = PipelineFor(requestOptions);
        try
        {
            return await pipeline.ExecuteAsync(
                static (call, token) => call.Transport.AttemptAsync(call, token),
                call,
                cancellationToken).ConfigureAwait(false);
        }
        catch (ApiError error)
        {
            error.SetAttempts(call.Attempts);
            throw;
        }
    }

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");

    private static bool ContainsSuccessFalse(ReadOnlySpan<byte> body)
    {
        // Fast path: a body without the word cannot be a success:false envelope.
        if (body.IndexOf(SuccessPropertyUtf8) < 0)
        {
            return false;
        }

        return ErrorBody.TryParse(body) is { Success: false };
    }

    private ResiliencePipeline PipelineFor(RequestOptions? requestOptions)
    {
        if (requestOptions?.MaxRetries is not { } retries || retries == _options.MaxRetries)
        {
            return _defaultPipeline;
        }

        return _pipelines.GetOrAdd(retries, static (count, options) => RetryPipelineFactory.Create(options, count), _options);
    }

    private async ValueTask<T> AttemptAsync<T>(Call<T> call, CancellationToken cancellationToken)
    {
        call.Attempts++;
        var timeoutValue = call.RequestOptions?.Timeout ?? _options.Timeout;
        using var timeout = new AttemptTimeout(timeoutValue, _options.TimeProvider, cancellationToken);
        using var request = CreateRequest(call.Method, call.Uri, call.Body, call.RequestOptions);
        try
        {
            using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw await ReadErrorAsync(response, timeout.Token).ConfigureAwait(false);
            }

            var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            using var bytes = await PooledBytes.ReadAsync(stream, response.Content.Headers.ContentLength, int.MaxValue, timeout.Token).ConfigureAwait(false);
            if (ContainsSuccessFalse(bytes.Span))
            {
                throw ErrorMapper.FromResponse(response.StatusCode, response.ReasonPhrase, response.Headers, response.Content.Headers, bytes.Span, null, _options.TimeProvider, _options.ApiKey);
            }

            T? value;
            try
            {
                value = bytes.Length == 0 && call.EmptyBody is { } empty
                    ? empty()
                    : JsonSerializer.Deserialize(bytes.Span, call.ResponseType);
            }
            catch (JsonException exception)
            {
                throw ErrorMapper.UnreadableBody(response.StatusCode, response.Headers, bytes.Span, exception, _options.ApiKey);
            }

            if (value is null)
            {
                throw ErrorMapper.UnreadableBody(response.StatusCode, response.Headers, bytes.Span, null, _options.ApiKey);
            }

            if (value is ApiResponse apiResponse)
            {
                apiResponse.Response = new ResponseInfo(response.StatusCode, response.Headers, call.Attempts);
            }

            return value;
        }
        catch (OperationCanceledException exception) when (IsCallerCancellation(exception, cancellationToken))
        {
            throw WithCallerToken(exception, cancellationToken);
        }
        catch (Exception exception) when (IsTransportFailure(exception, cancellationToken))
        {
            throw MapTransportFailure(exception, timeout, timeoutValue);
        }
    }

    /// <summary>Whether the caller cancelled, but the exception carries the attempt's linked token rather than the caller's.</summary>
    private static bool IsCallerCancellation(OperationCanceledException exception, CancellationToken callerToken) =>
        callerToken.IsCancellationRequested && exception.CancellationToken != callerToken;

    /// <summary>Re-raises a cancellation with the caller's token, so that <c>catch (OperationCanceledException e) when (e.CancellationToken == token)</c> matches, as with HttpClient.</summary>
    private static OperationCanceledException WithCallerToken(OperationCanceledException exception, CancellationToken callerToken) =>
        exception is TaskCanceledException
            ? new TaskCanceledException(exception.Message, exception, callerToken)
            : new OperationCanceledException(exception.Message, exception, callerToken);

    /// <summary>Whether an exception means the attempt failed in transit, as opposed to the caller cancelling or an error already typed.</summary>
    private static bool IsTransportFailure(Exception exception, CancellationToken callerToken) =>
        exception is HttpRequestException or IOException
        || (exception is OperationCanceledException && !callerToken.IsCancellationRequested);

    private static ApiConnectionError MapTransportFailure(Exception exception, AttemptTimeout timeout, TimeSpan timeoutValue) =>
        exception is OperationCanceledException
            ? ErrorMapper.Timeout(timeout.TimedOut ? timeoutValue : null, exception) // ours, or a caller-owned HttpClient's Timeout
            : ErrorMapper.Connection(exception);

    /// <summary>Reads an error response's body (capped) and maps it to the typed error.</summary>
    private async Task<ApiError> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var bytes = await PooledBytes.ReadAsync(stream, response.Content.Headers.ContentLength, MythicDotDefaults.MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
        return ErrorMapper.FromResponse(response.StatusCode, response.ReasonPhrase, response.Headers, response.Content.Headers, bytes.Span, null, _options.TimeProvider, _options.ApiKey);
    }

    private HttpRequestMessage CreateRequest(HttpMethod method, Uri uri, byte[]? body, RequestOptions? requestOptions)
    {
        var request = new HttpRequestMessage(method, uri);
        var headers = request.Headers;
        headers.TryAddWithoutValidation("Authorization", _authorization);
        headers.TryAddWithoutValidation("User-Agent", MythicDotDefaults.UserAgent);
        headers.TryAddWithoutValidation("Accept", "application/json");
        if (_options.ApiVersion is { } version)
        {
            headers.TryAddWithoutValidation(MythicDotDefaults.VersionHeader, version);
        }

        foreach (var pair in _options.DefaultHeaders)
        {
            if (requestOptions is null || !requestOptions.Headers.ContainsKey(pair.Key))
            {
                SetHeader(request, pair.Key, pair.Value);
            }
        }

        if (requestOptions is not null)
        {
            foreach (var pair in requestOptions.Headers)
            {
                SetHeader(request, pair.Key, pair.Value);
            }
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        }

        return request;
    }

    private static void SetHeader(HttpRequestMessage request, string name, string value)
    {
        request.Headers.Remove(name);
        request.Headers.TryAddWithoutValidation(name, value);
    }

    private sealed class Call<T>(ApiTransport transport, HttpMethod method, Uri uri, byte[]? body, JsonTypeInfo<T> responseType, RequestOptions? requestOptions, Func<T>? emptyBody)
    {
        public Func<T>? EmptyBody { get; } = emptyBody;

        public ApiTransport Transport { get; } = transport;

        public HttpMethod Method { get; } = method;

        public Uri Uri { get; } = uri;

        public byte[]? Body { get; } = body;

        public JsonTypeInfo<T> ResponseType { get; } = responseType;

        public RequestOptions? RequestOptions { get; } = requestOptions;

        public int Attempts { get; set; }
    }
}
