using System.Collections.Concurrent;
using System.Net;

namespace MythicDot.Polyfills;

/// <summary>The runtime, collection and HTTP members of .NET Core 2.1+ that the SDK uses.</summary>
internal static class RuntimePolyfills
{
    extension(HttpStatusCode)
    {
        public static HttpStatusCode TooManyRequests => (HttpStatusCode)429;
    }

    extension(Random)
    {
        /// <summary>A thread-safe instance, as <c>Random.Shared</c> is on .NET 6+.</summary>
        public static Random Shared => SharedRandom.Instance;
    }

    /// <summary>.NET Framework reads the body without a token; the token is checked before, and the reads that follow take it.</summary>
    public static Task<Stream> ReadAsStreamAsync(this HttpContent content, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return content.ReadAsStreamAsync();
    }

    public static TValue GetOrAdd<TKey, TValue, TArg>(this ConcurrentDictionary<TKey, TValue> dictionary, TKey key, Func<TKey, TArg, TValue> valueFactory, TArg factoryArgument)
        where TKey : notnull =>
        dictionary.TryGetValue(key, out var value) ? value : dictionary.GetOrAdd(key, k => valueFactory(k, factoryArgument));

    private sealed class SharedRandom : Random
    {
        public static readonly SharedRandom Instance = new();

        private readonly object _gate = new();

        public override int Next()
        {
            lock (_gate)
            {
                return base.Next();
            }
        }

        public override int Next(int maxValue)
        {
            lock (_gate)
            {
                return base.Next(maxValue);
            }
        }

        public override int Next(int minValue, int maxValue)
        {
            lock (_gate)
            {
                return base.Next(minValue, maxValue);
            }
        }

        public override double NextDouble()
        {
            lock (_gate)
            {
                return base.NextDouble();
            }
        }

        public override void NextBytes(byte[] buffer)
        {
            lock (_gate)
            {
                base.NextBytes(buffer);
            }
        }
    }
}
