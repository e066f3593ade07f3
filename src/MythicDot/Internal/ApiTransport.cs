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
internal sealed class ApiTransport
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
        CancellationToken cancellationToken)
    {
        requestOptions?.Validate();
        var call = new Call<T>(this, method, new Uri(BaseUrl, relativePath), body, responseType, requestOptions);
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
            var limit = response.IsSuccessStatusCode ? int.MaxValue : MythicDotDefaults.MaxErrorBodyBytes;
            var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            using var bytes = await PooledBytes.ReadAsync(stream, response.Content.Headers.ContentLength, limit, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode || ContainsSuccessFalse(bytes.Span))
            {
                throw ErrorMapper.FromResponse(response.StatusCode, response.ReasonPhrase, response.Headers, response.Content.Headers, bytes.Span, null, _options.TimeProvider, _options.ApiKey);
            }

            T? value;
            try
            {
                value = JsonSerializer.Deserialize(bytes.Span, call.ResponseType);
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
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException exception)
        {
            // Our own timeout, or the Timeout of a caller-owned HttpClient.
            throw ErrorMapper.Timeout(timeout.TimedOut ? timeoutValue : null, exception);
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            throw ErrorMapper.Connection(exception);
        }
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

    private sealed class Call<T>(ApiTransport transport, HttpMethod method, Uri uri, byte[]? body, JsonTypeInfo<T> responseType, RequestOptions? requestOptions)
    {
        public ApiTransport Transport { get; } = transport;

        public HttpMethod Method { get; } = method;

        public Uri Uri { get; } = uri;

        public byte[]? Body { get; } = body;

        public JsonTypeInfo<T> ResponseType { get; } = responseType;

        public RequestOptions? RequestOptions { get; } = requestOptions;

        public int Attempts { get; set; }
    }
}
