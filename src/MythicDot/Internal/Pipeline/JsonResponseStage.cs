using System.Net;
using System.Text.Json;
using MythicDot.Errors;
using Polly;

namespace MythicDot.Internal;

/// <summary>A call answered by one JSON body (every endpoint but streams).</summary>
/// <typeparam name="T">The result type.</typeparam>
internal sealed class JsonCall<T>(ApiTransport transport, ApiRequest request, ResponseReader<T> reader, RequestOptions? requestOptions)
    : CallState<T>(transport, request, requestOptions)
{
    /// <summary>Gets how a successful body becomes the result.</summary>
    public ResponseReader<T> Reader { get; } = reader;

    /// <summary>Gets or sets the status of the successful attempt, for the call's telemetry.</summary>
    public HttpStatusCode LastStatus { get; set; }

    public override string Accept => "application/json";

    public override ValueTask<Outcome<T>> ReadSuccessAsync(CancellationToken attemptToken) => JsonResponseStage.ReadAsync(this, attemptToken);
}

/// <summary>
/// The response stage of a JSON call: the body read whole (capped at <see cref="MythicDotClientOptions.MaxResponseBytes"/>), a
/// <c>success:false</c> envelope on a 2xx mapped to its typed error, then the fast reader or the generated deserializer.
/// </summary>
internal static class JsonResponseStage
{
    private static readonly byte[] SuccessPropertyUtf8 = "\"success\""u8.ToArray();

    public static async ValueTask<Outcome<T>> ReadAsync<T>(JsonCall<T> call, CancellationToken cancellationToken)
    {
        var transport = call.Transport;
        var apiKey = transport.Options.ApiKey;
        var response = call.Response!;
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var bytes = await PooledBytes.ReadAsync(stream, response.Content.Headers.ContentLength, transport.MaxResponseBytes + 1, cancellationToken).ConfigureAwait(false);
        if (bytes.Length > transport.MaxResponseBytes)
        {
            return call.Failed(ErrorMapper.ResponseTooLarge(response.StatusCode, response.Headers, response.Content.Headers, transport.MaxResponseBytes, apiKey));
        }

        var json = Utf8Bom.Skip(bytes.Span);
        BodyLog.Response(call, response.StatusCode, json);
        if (ContainsSuccessFalse(json))
        {
            return call.Failed(ErrorMapper.FromResponse(ErrorResponse.Of(response), json, null, transport.ErrorContext));
        }

        T? value;
        try
        {
            if (json.Length == 0 && call.Reader.Empty is { } empty)
            {
                value = empty();
            }
            else
            {
                value = call.Reader.Fast is { } fast ? fast(json) : default;
                value ??= JsonSerializer.Deserialize(json, call.Reader.TypeInfo());
            }
        }
        catch (JsonException exception)
        {
            return call.Failed(ErrorMapper.UnreadableBody(response.StatusCode, response.Headers, json, exception, apiKey));
        }

        if (value is null)
        {
            return call.Failed(ErrorMapper.UnreadableBody(response.StatusCode, response.Headers, json, null, apiKey));
        }

        if (value is ApiResponse apiResponse)
        {
            apiResponse.SetResponse(new ResponseInfo(response.StatusCode, response.Headers, response.Content.Headers, call.Attempts, apiKey));
        }

        call.LastStatus = response.StatusCode;
        return call.Succeeded(value, response.StatusCode);
    }

    private static bool ContainsSuccessFalse(ReadOnlySpan<byte> body)
    {
        // Fast path: a body without the word cannot be a success:false envelope.
        if (body.IndexOf(SuccessPropertyUtf8) < 0)
        {
            return false;
        }

        return ErrorBody.TryParse(body) is { Success: false };
    }
}
