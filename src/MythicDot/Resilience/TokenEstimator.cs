using System.Text.Json;
using MythicDot.Chat;
using MythicDot.Embeddings;
using MythicDot.Messages;
using MythicDot.Responses;

namespace MythicDot.Resilience;

/// <summary>
/// Estimates the tokens a request will use, for <see cref="MythicDotClientOptions.TokenLimiter"/>: the prompt's text, the documented
/// overhead per message and, for a generation, the most tokens the answer may have (<c>max_tokens</c> and its kin, times <c>n</c>).
/// </summary>
/// <remarks>
/// <para><see cref="Default"/> follows the API documentation's rule: about 4 characters per token, plus
/// <see cref="TokensPerMessage"/> (4) per message and <see cref="ReplyPrimingTokens"/> (2) for the reply. For exact counts, plug a
/// tokenizer with <see cref="FromCounter"/>; the documentation recommends tiktoken's <c>cl100k_base</c>, which
/// Microsoft.ML.Tokenizers provides:
/// <code>
/// var tokenizer = TiktokenTokenizer.CreateForEncoding("cl100k_base"); // package Microsoft.ML.Tokenizers.Data.Cl100kBase
/// options.TokenEstimator = TokenEstimator.FromCounter(text => tokenizer.CountTokens(text));
/// </code></para>
/// <para>Counted: message text and content parts, names, tool calls and their arguments, tool definitions (name, description and the
/// parameters' JSON), system prompts, instructions and embedding inputs. An image counts <see cref="TokensPerImage"/>. When a request
/// sets no answer length, only its prompt is counted. Estimates saturate at <see cref="int.MaxValue"/>.</para>
/// </remarks>
public abstract class TokenEstimator
{
    /// <summary>Initializes a new instance of the <see cref="TokenEstimator"/> class.</summary>
    protected TokenEstimator()
    {
    }

    /// <summary>Gets the documentation's rule: a token per 4 characters (rounded up), plus the per-message overhead.</summary>
    public static TokenEstimator Default { get; } = new CharacterEstimator();

    /// <summary>Gets the tokens added for each message of a conversation (the documentation's +4).</summary>
    public virtual int TokensPerMessage => 4;

    /// <summary>Gets the tokens added once for the reply's priming in a chat (the documentation's +2).</summary>
    public virtual int ReplyPrimingTokens => 2;

    /// <summary>Gets the tokens counted for one image (85, the cost of a low-detail image in the peer API the chat shape follows).</summary>
    public virtual int TokensPerImage => 85;

    /// <summary>Creates an estimator that counts text with <paramref name="countTokens"/>, for example a tokenizer's <c>CountTokens</c>,
    /// and adds the documented overheads.</summary>
    /// <param name="countTokens">Counts the tokens of a text; must be thread-safe and return zero or more.</param>
    /// <returns>The estimator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="countTokens"/> is <see langword="null"/>.</exception>
    public static TokenEstimator FromCounter(Func<string, int> countTokens)
    {
        ArgumentNullException.ThrowIfNull(countTokens);
        return new CounterEstimator(countTokens);
    }

    /// <summary>Counts the tokens of a text.</summary>
    /// <param name="text">The text; never <see langword="null"/>.</param>
    /// <returns>The tokens, zero or more.</returns>
    public abstract int CountTokens(string text);

    /// <summary>Estimates a chat completion: its messages, tools and prediction, the reply's priming, and
    /// <see cref="ChatCompletionRequest.MaxCompletionTokens"/> (or <see cref="ChatCompletionRequest.MaxTokens"/>) times <see cref="ChatCompletionRequest.N"/>.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The estimated tokens.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException"><see cref="CountTokens"/> returned a negative count.</exception>
    public int Estimate(ChatCompletionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        long total = ReplyPrimingTokens;
        foreach (var message in request.Messages ?? [])
        {
            if (message is null)
            {
                continue;
            }

            total += TokensPerMessage + Text(message.Content) + Text(message.Name) + Text(message.Refusal);
            foreach (var part in message.ContentParts ?? [])
            {
                total += part?.ImageUrl is not null ? TokensPerImage : Text(part?.Text);
            }

            foreach (var call in message.ToolCalls ?? [])
            {
                total += Text(call?.Function?.Name) + Text(call?.Function?.Arguments);
            }
        }

        foreach (var tool in request.Tools ?? [])
        {
            total += Text(tool?.Function?.Name) + Text(tool?.Function?.Description) + Json(tool?.Function?.Parameters);
        }

        total += Text(request.Prediction?.Content);
        total += (long)(request.MaxCompletionTokens ?? request.MaxTokens ?? 0) * Math.Max(1, request.N ?? 1);
        return Saturate(total);
    }

    /// <summary>Estimates a Messages request: its system prompt, messages and tools, and <see cref="MessageRequest.MaxTokens"/>
    /// (which includes any thinking budget).</summary>
    /// <param name="request">The request.</param>
    /// <returns>The estimated tokens.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException"><see cref="CountTokens"/> returned a negative count.</exception>
    public int Estimate(MessageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        long total = ReplyPrimingTokens + Text(request.System) + Blocks(request.SystemBlocks);
        foreach (var message in request.Messages ?? [])
        {
            if (message is not null)
            {
                total += TokensPerMessage + Text(message.Content) + Blocks(message.ContentBlocks);
            }
        }

        foreach (var tool in request.Tools ?? [])
        {
            total += Text(tool?.Name) + Text(tool?.Description) + Json(tool?.InputSchema);
        }

        total += Math.Max(0, request.MaxTokens);
        return Saturate(total);
    }

    /// <summary>Estimates a Responses request: its instructions, input and tools, and <see cref="ResponseRequest.MaxOutputTokens"/>.
    /// A conversation continued by <see cref="ResponseRequest.PreviousResponseId"/> is counted for what this request sends.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The estimated tokens.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException"><see cref="CountTokens"/> returned a negative count.</exception>
    public int Estimate(ResponseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        long total = ReplyPrimingTokens + Text(request.Instructions);
        if (request.Input is { } input)
        {
            total += TokensPerMessage + Text(input);
        }

        foreach (var item in request.InputItems ?? [])
        {
            if (item is null)
            {
                continue;
            }

            total += TokensPerMessage + Text(item.Content) + Text(item.Name) + Text(item.Arguments) + Text(item.Output);
            foreach (var part in item.ContentParts ?? [])
            {
                total += part?.ImageUrl is not null ? TokensPerImage : Text(part?.Text) + Text(part?.Refusal);
            }
        }

        foreach (var tool in request.Tools ?? [])
        {
            total += Text(tool?.Name) + Text(tool?.Description) + Json(tool?.Parameters);
        }

        total += request.MaxOutputTokens ?? 0;
        return Saturate(total);
    }

    /// <summary>Estimates an embeddings request: the tokens of its inputs (no overhead, no answer).</summary>
    /// <param name="request">The request.</param>
    /// <returns>The estimated tokens.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException"><see cref="CountTokens"/> returned a negative count.</exception>
    public int Estimate(EmbeddingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        long total = 0;
        foreach (var input in request.Input ?? [])
        {
            total += Text(input);
        }

        return Saturate(total);
    }

    private static int Saturate(long total) => total > int.MaxValue ? int.MaxValue : (int)Math.Max(0, total);

    private long Text(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        var tokens = CountTokens(text!);
        return tokens >= 0
            ? tokens
            : throw new InvalidOperationException($"The token estimator {GetType().Name} counted {tokens} tokens for a text of {text!.Length} characters; a count is zero or more.");
    }

    private long Json(JsonElement? element) =>
        element is { ValueKind: not JsonValueKind.Undefined } json ? Text(json.GetRawText()) : 0;

    private long Blocks(IEnumerable<MessageContentBlock>? blocks)
    {
        long total = 0;
        foreach (var block in blocks ?? [])
        {
            if (block is null)
            {
                continue;
            }

            total += block.Source is not null
                ? TokensPerImage
                : Text(block.Text) + Text(block.Thinking) + Text(block.Name) + Json(block.Input) + Text(block.Content) + Blocks(block.ContentBlocks);
        }

        return total;
    }

    /// <summary>The documentation's rule: a token per 4 characters, rounded up.</summary>
    private sealed class CharacterEstimator : TokenEstimator
    {
        public override int CountTokens(string text)
        {
            ArgumentNullException.ThrowIfNull(text);
            return (int)((text.Length + 3L) / 4);
        }
    }

    /// <summary>Counts with a caller's tokenizer.</summary>
    private sealed class CounterEstimator(Func<string, int> countTokens) : TokenEstimator
    {
        public override int CountTokens(string text)
        {
            ArgumentNullException.ThrowIfNull(text);
            return countTokens(text);
        }
    }
}

/// <summary>A request whose tokens the client's <see cref="MythicDotClientOptions.TokenLimiter"/> counts.</summary>
internal interface ITokenEstimated
{
    /// <summary>Estimates the request's tokens with <paramref name="estimator"/>.</summary>
    int EstimateTokens(TokenEstimator estimator);
}
