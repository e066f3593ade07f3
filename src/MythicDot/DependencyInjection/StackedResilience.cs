namespace MythicDot.DependencyInjection;

/// <summary>Takes out of a MythicDot client's handlers the resilience that <c>ConfigureHttpClientDefaults</c> adds to every HttpClient.</summary>
/// <remarks>
/// .NET Aspire's ServiceDefaults call <c>AddStandardResilienceHandler()</c> for every client: stacked under the SDK's own retries,
/// a failing call would be sent (MaxRetries + 1) × 4 times, and the standard handler's 10 s attempt and 30 s total timeouts would cut
/// long completions and streams with a Polly exception. The handlers are known by type name, so that the SDK does not depend on the
/// packages that define them: <c>ResilienceHandler</c> (Microsoft.Extensions.Http.Resilience, what its own
/// <c>RemoveAllResilienceHandlers()</c> removes) and <c>PolicyHttpMessageHandler</c> (Microsoft.Extensions.Http.Polly), or types
/// derived from them. Every other handler (service discovery, the caller's own) stays where it is.
/// </remarks>
internal static class StackedResilience
{
    private static readonly string[] HandlerTypeNames =
    [
        "Microsoft.Extensions.Http.Resilience.ResilienceHandler",
        "Microsoft.Extensions.Http.PolicyHttpMessageHandler",
    ];

    public static void RemoveFrom(IList<DelegatingHandler> handlers)
    {
        for (var i = handlers.Count - 1; i >= 0; i--)
        {
            if (IsResilienceHandler(handlers[i].GetType()))
            {
                handlers.RemoveAt(i);
            }
        }
    }

    private static bool IsResilienceHandler(Type? type)
    {
        for (; type is not null && type != typeof(DelegatingHandler); type = type.BaseType)
        {
            if (Array.IndexOf(HandlerTypeNames, type.FullName) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
