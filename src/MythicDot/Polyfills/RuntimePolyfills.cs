using System.Collections.Concurrent;
using System.Net;

namespace MythicDot.Polyfills;

/// <summary>The collection and HTTP members of .NET Core 2.1+ that the SDK uses and the Polyfill package does not provide.</summary>
internal static class RuntimePolyfills
{
    extension(HttpStatusCode)
    {
        public static HttpStatusCode TooManyRequests => (HttpStatusCode)429;
    }

    public static TValue GetOrAdd<TKey, TValue, TArg>(this ConcurrentDictionary<TKey, TValue> dictionary, TKey key, Func<TKey, TArg, TValue> valueFactory, TArg factoryArgument)
        where TKey : notnull =>
        dictionary.TryGetValue(key, out var value) ? value : dictionary.GetOrAdd(key, k => valueFactory(k, factoryArgument));
}
