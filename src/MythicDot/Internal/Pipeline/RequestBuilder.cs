namespace MythicDot.Internal;

/// <summary>Builds an attempt's <see cref="HttpRequestMessage"/>: a fresh one per attempt, since a sent message cannot be sent again.</summary>
internal static class RequestBuilder
{
    /// <summary>Builds the request of one attempt: authentication, identity and accept headers, the call's beta feature, then the client's default headers,
    /// then the call's own (a call's header replaces a default of the same name), then the body.</summary>
    public static HttpRequestMessage Create(ClientState state, CallState call)
    {
        var options = state.Options;
        var requestOptions = call.RequestOptions;
        var request = new HttpRequestMessage(call.Method, call.Uri);
        var headers = request.Headers;
        headers.TryAddWithoutValidation("Authorization", state.Authorization);
        headers.TryAddWithoutValidation("User-Agent", state.UserAgent);
        headers.TryAddWithoutValidation("Accept", call.Accept);
        if (options.ApiVersion is { } version)
        {
            headers.TryAddWithoutValidation(MythicDotDefaults.VersionHeader, version);
        }

        // The call's own beta feature comes first, so that a mythicdot-beta header the caller set (default or per call) replaces it.
        if (call.Beta is { } beta)
        {
            headers.TryAddWithoutValidation(MythicDotDefaults.BetaHeader, beta);
        }

        foreach (var pair in options.DefaultHeaders)
        {
            if (requestOptions is null || !requestOptions.Headers.ContainsKey(pair.Key))
            {
                Set(request, pair.Key, pair.Value);
            }
        }

        if (requestOptions is not null)
        {
            foreach (var pair in requestOptions.Headers)
            {
                Set(request, pair.Key, pair.Value);
            }
        }

        if (call.Body is { } body)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        }
        else if (call.Upload is { } upload)
        {
            request.Content = upload.Create();
        }

        return request;
    }

    private static void Set(HttpRequestMessage request, string name, string value)
    {
        request.Headers.Remove(name);
        request.Headers.TryAddWithoutValidation(name, value);
    }
}
