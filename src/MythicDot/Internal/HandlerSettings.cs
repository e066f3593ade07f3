using System.Net;

namespace MythicDot.Internal;

/// <summary>What the SDK asks of the handler at the bottom of its pipeline, in one place for the shared client and dependency injection.</summary>
/// <remarks>
/// Responses are decompressed (gzip and deflate, and brotli where the platform has it), so requests say so in
/// <c>Accept-Encoding</c>. Redirects are not followed: the API never sends one, and following it would resend the request
/// body (prompts) and headers to whatever server the Location names; a 3xx surfaces as an <see cref="ApiError"/> with its status.
/// </remarks>
internal static class HandlerSettings
{
#if NETSTANDARD2_0
    public const DecompressionMethods Decompression = DecompressionMethods.GZip | DecompressionMethods.Deflate;
#else
    public const DecompressionMethods Decompression = DecompressionMethods.GZip | DecompressionMethods.Deflate | DecompressionMethods.Brotli;
#endif

    /// <summary>Applies the settings to a handler of a type the SDK knows; any other handler is left as it is.</summary>
    /// <remarks>Decompression is only turned on where none is set, so that a handler whose decompression someone chose keeps it.</remarks>
    public static void Apply(HttpMessageHandler handler)
    {
        switch (handler)
        {
            case HttpClientHandler clientHandler:
                clientHandler.AllowAutoRedirect = false;
                if (clientHandler.SupportsAutomaticDecompression && clientHandler.AutomaticDecompression == DecompressionMethods.None)
                {
                    clientHandler.AutomaticDecompression = Decompression;
                }

                break;
#if !NETSTANDARD2_0
            case SocketsHttpHandler socketsHandler:
                socketsHandler.AllowAutoRedirect = false;
                if (socketsHandler.AutomaticDecompression == DecompressionMethods.None)
                {
                    socketsHandler.AutomaticDecompression = Decompression;
                }

                break;
#endif
        }
    }
}
