using System.Text.Json.Serialization.Metadata;

namespace MythicDot.Internal;

/// <summary>One call as a resource client describes it: what it does (for telemetry), where it goes and what it sends.</summary>
/// <param name="Operation">The GenAI operation and the model asked for.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path relative to the base URL; resolved and checked by <see cref="RequestPath"/>.</param>
/// <param name="Body">The JSON body, or <see langword="null"/> for none.</param>
/// <param name="Beta">The beta feature the call opts in to (<c>mythicdot-beta: extended-thinking-2025-01</c>), unless the caller's own
/// <c>mythicdot-beta</c> header (the client's default headers or the call's) replaces it; <see langword="null"/> for none.</param>
internal readonly record struct ApiRequest(ApiOperation Operation, HttpMethod Method, string Path, byte[]? Body = null, string? Beta = null)
{
    /// <summary>Gets a file to send as <c>multipart/form-data</c> instead of <see cref="Body"/>; <see langword="null"/> for none.</summary>
    public UploadContent? Upload { get; init; }

    /// <summary>Gets the typed request whose tokens the client's <see cref="MythicDotClientOptions.TokenLimiter"/> counts, estimated only
    /// when the client has one; <see langword="null"/> for a call the token limit does not apply to.</summary>
    public Resilience.ITokenEstimated? Tokens { get; init; }
}

/// <summary>How a successful body becomes the call's result.</summary>
/// <typeparam name="T">The result type.</typeparam>
/// <param name="TypeInfo">Gets the generated deserializer's metadata, used whenever <paramref name="Fast"/> declines: asked for only then,
/// since building a type's metadata (and that of every type it holds) is most of a first call's cost when the fast reader serves it.</param>
/// <param name="Fast">A reader of the body's common shape that returns <see langword="null"/> to leave the rest to the deserializer.</param>
/// <param name="Empty">The result of an empty body, when the endpoint may answer with none (<c>204</c>).</param>
internal readonly record struct ResponseReader<T>(Func<JsonTypeInfo<T>> TypeInfo, SpanReader<T>? Fast = null, Func<T>? Empty = null);
