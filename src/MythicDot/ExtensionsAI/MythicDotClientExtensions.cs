using MythicDot;
using MythicDot.ExtensionsAI;

namespace Microsoft.Extensions.AI;

/// <summary>
/// Adapts a <see cref="MythicDotClient"/> to the Microsoft.Extensions.AI abstractions, so that MythicDot plugs into
/// everything built on <see cref="IChatClient"/> and <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>.
/// </summary>
/// <remarks>
/// The adapters send through the client, so its authentication, retries and typed errors apply: a failed call throws the
/// same <see cref="ApiError"/> subtype (<see cref="RateLimitError"/>, <see cref="BadRequestError"/>, ...) as the SDK's own
/// methods, unwrapped. An option the API does not document is never dropped silently: it throws
/// <see cref="NotSupportedException"/>, whose message names the field to send through <c>AdditionalProperties</c> instead
/// if the model accepts it.
/// </remarks>
public static class MythicDotClientExtensions
{
    internal const string ProviderName = "mythicdot";

    /// <summary>Gets an <see cref="IChatClient"/> that sends to <c>POST /chat/completions</c>.</summary>
    /// <param name="client">The client to send through; it stays the caller's (disposing the chat client does not affect it).</param>
    /// <param name="model">The model used when <see cref="ChatOptions.ModelId"/> is not set, for example <c>mythic-4</c>.</param>
    /// <returns>
    /// The chat client. Its <see cref="IChatClient.GetService"/> returns <paramref name="client"/>, and a
    /// <see cref="ChatClientMetadata"/> with provider name <c>mythicdot</c>, <see cref="MythicDotClient.BaseUrl"/> and <paramref name="model"/>.
    /// </returns>
    /// <remarks>
    /// <para>Messages: text, images (<see cref="DataContent"/> and <see cref="UriContent"/> of an image media type, in user messages),
    /// a refusal replayed (<see cref="ErrorContent"/> with code <c>Refusal</c>), <see cref="FunctionCallContent"/> (sent as <c>tool_calls</c>,
    /// arguments as a JSON string) and <see cref="FunctionResultContent"/> (one <c>tool</c> message each; a string result as it is,
    /// anything else as JSON). Other content throws <see cref="NotSupportedException"/>; <see cref="UsageContent"/> and
    /// <see cref="TextReasoningContent"/> from an earlier turn are not sent (chat completions take no reasoning back). For
    /// extended thinking (<see cref="TextReasoningContent"/> in answers), use <see cref="AsMessagesChatClient"/>.</para>
    /// <para>Options sent: <see cref="ChatOptions.ModelId"/>, <see cref="ChatOptions.Instructions"/> (a leading system message),
    /// <see cref="ChatOptions.Temperature"/>, <see cref="ChatOptions.TopP"/>, <see cref="ChatOptions.MaxOutputTokens"/>
    /// (<c>max_tokens</c>), <see cref="ChatOptions.StopSequences"/>, <see cref="ChatOptions.Tools"/> (functions only),
    /// <see cref="ChatOptions.ToolMode"/> (<c>tool_choice</c>, sent only with tools), <see cref="ChatOptions.ResponseFormat"/>,
    /// and <see cref="ChatOptions.AdditionalProperties"/> as extra JSON fields. <see cref="ChatOptions.RawRepresentationFactory"/>
    /// may return a <see cref="ChatCompletionRequest"/> to start from; what it sets wins over the options.</para>
    /// <para>Options that throw <see cref="NotSupportedException"/> when set, because the API does not document them:
    /// <see cref="ChatOptions.Seed"/>, <see cref="ChatOptions.FrequencyPenalty"/>, <see cref="ChatOptions.PresencePenalty"/>,
    /// <see cref="ChatOptions.TopK"/>, <see cref="ChatOptions.Reasoning"/>, <see cref="ChatOptions.AllowMultipleToolCalls"/> set to
    /// <see langword="false"/>, <see cref="ChatOptions.ConversationId"/> and <see cref="ChatOptions.ContinuationToken"/>.
    /// <see cref="ChatOptions.AllowBackgroundResponses"/> only permits background work, so it is accepted and not used.</para>
    /// <para>Responses: the first choice becomes the assistant message (text and <see cref="FunctionCallContent"/> with the arguments
    /// parsed; unparsable arguments set <see cref="FunctionCallContent.Exception"/>). Streaming yields one update per chunk, with
    /// each tool call whole on the update that carries the finish reason, and usage as <see cref="UsageContent"/>.
    /// <c>RawRepresentation</c> holds the SDK object (<see cref="ChatCompletion"/>, <see cref="ChatCompletionChunk"/>).</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty.</exception>
    public static IChatClient AsIChatClient(this MythicDotClient client, string model)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        return new MythicDotChatClient(client, model);
    }

    /// <summary>Gets an <see cref="IChatClient"/> that sends to <c>POST /messages</c>, the surface of extended thinking.</summary>
    /// <param name="client">The client to send through; it stays the caller's.</param>
    /// <param name="model">The model used when <see cref="ChatOptions.ModelId"/> is not set, for example <c>mythic-4-thinking</c>.</param>
    /// <param name="maxTokens">The <c>max_tokens</c> sent when <see cref="ChatOptions.MaxOutputTokens"/> is not set (the API requires one).</param>
    /// <returns>The chat client; its <see cref="IChatClient.GetService"/> returns <paramref name="client"/> and a <see cref="ChatClientMetadata"/>.</returns>
    /// <remarks>
    /// <para>Thinking: <see cref="ChatOptions.Reasoning"/>'s effort turns on extended thinking with a budget of 1,024 (low), 4,096
    /// (medium), 16,384 (high) or 32,768 tokens (extra high), and <c>None</c> turns it off; with no <see cref="ChatOptions.MaxOutputTokens"/>
    /// the request's <c>max_tokens</c> is the budget plus <paramref name="maxTokens"/>. Thinking blocks come back as
    /// <see cref="TextReasoningContent"/> (the signature in <see cref="TextReasoningContent.ProtectedData"/>), and are sent back as
    /// they came when the conversation continues, as the API requires for tool use with thinking.</para>
    /// <para>System messages and <see cref="ChatOptions.Instructions"/> become <c>system</c>; tool results go in user turns; images,
    /// function tools (<c>input_schema</c>), <see cref="ChatOptions.ToolMode"/>, temperature, top-p, top-k, stop sequences and
    /// <see cref="ChatOptions.AdditionalProperties"/> are sent. <see cref="ChatOptions.Seed"/>, penalties, <see cref="ChatOptions.ResponseFormat"/>
    /// and <see cref="ChatOptions.ConversationId"/> throw <see cref="NotSupportedException"/>. Usage (cache reads as cached input tokens)
    /// comes as <see cref="ChatResponse.Usage"/>, or as <see cref="UsageContent"/> when streamed.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxTokens"/> is below 1.</exception>
    public static IChatClient AsMessagesChatClient(this MythicDotClient client, string model, int maxTokens = 4096)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTokens, 1);
        return new MythicDotMessagesChatClient(client, model, maxTokens);
    }

    /// <summary>Gets an <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> that sends to <c>POST /embeddings</c>.</summary>
    /// <param name="client">The client to send through; it stays the caller's.</param>
    /// <param name="model">The model used when <see cref="EmbeddingGenerationOptions.ModelId"/> is not set, for example <c>mythic-embed-3</c>.</param>
    /// <returns>
    /// The generator: all values of a <c>GenerateAsync</c> call go in one request (at most <see cref="EmbeddingRequest.MaxInputs"/>),
    /// and the embeddings come back in input order with the usage and model. No values means no request and no embeddings.
    /// Its <c>GetService</c> returns <paramref name="client"/> and an <see cref="EmbeddingGeneratorMetadata"/>.
    /// </returns>
    /// <remarks>
    /// <see cref="EmbeddingGenerationOptions.Dimensions"/> throws <see cref="NotSupportedException"/> because the API does not
    /// document it; send <c>AdditionalProperties["dimensions"]</c> if the model accepts it. <see cref="EmbeddingGenerationOptions.AdditionalProperties"/>
    /// are sent as extra JSON fields; <see cref="EmbeddingGenerationOptions.RawRepresentationFactory"/> may return an
    /// <see cref="EmbeddingRequest"/> to start from.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty.</exception>
    public static IEmbeddingGenerator<string, Embedding<float>> AsIEmbeddingGenerator(this MythicDotClient client, string model)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        return new MythicDotEmbeddingGenerator(client, model);
    }
}
