using System.Text;
using System.Text.Json;

namespace MythicDot.Messages;

/// <summary>
/// Folds the events of a streamed message into the <see cref="Message"/> a non-streamed call would return: text, thinking and
/// signatures joined, tool-call input fragments parsed into <see cref="MessageContentBlock.Input"/>, the stop reason and the token
/// counts of the last <c>message_delta</c>, so that streaming and non-streaming code can share their handling.
/// </summary>
/// <remarks>Not thread-safe: feed it from the loop that reads the stream. <c>ping</c> and events of kinds the SDK does not know add nothing.</remarks>
public sealed class MessageAccumulator
{
    private readonly SortedDictionary<int, BlockState> _blocks = [];
    private Message? _start;
    private MessageStopReason? _stopReason;
    private string? _stopSequence;
    private MessageDeltaUsage? _deltaUsage;
    private ResponseInfo? _response;

    /// <summary>Adds one event.</summary>
    /// <param name="streamEvent">The next event of the stream.</param>
    /// <exception cref="InvalidOperationException">A tool call's input fragments do not add up to JSON.</exception>
    public void Add(MessageStreamEvent streamEvent)
    {
        ArgumentNullException.ThrowIfNull(streamEvent);
        _response ??= streamEvent.Response;
        switch (streamEvent)
        {
            case MessageStartEvent start:
                _start = start.Message ?? _start;
                break;
            case ContentBlockStartEvent blockStart:
                Block(blockStart.Index).Start = blockStart.ContentBlock;
                break;
            case ContentBlockDeltaEvent { Delta: { } delta } blockDelta:
                Block(blockDelta.Index).Add(delta);
                break;
            case MessageDeltaEvent messageDelta:
                _stopReason = messageDelta.Delta?.StopReason ?? _stopReason;
                _stopSequence = messageDelta.Delta?.StopSequence ?? _stopSequence;
                _deltaUsage = messageDelta.Usage ?? _deltaUsage;
                break;
        }
    }

    /// <summary>Builds the message from the events added so far.</summary>
    /// <returns>The message, with one content block per block index seen, in order.</returns>
    /// <exception cref="InvalidOperationException">A tool call's input fragments do not add up to JSON.</exception>
    public Message ToMessage()
    {
        var start = _start;
        var startUsage = start?.Usage;
        return new Message
        {
            Id = start?.Id ?? string.Empty,
            Type = start?.Type ?? "message",
            Role = start?.Role ?? MessageRole.Assistant,
            Model = start?.Model ?? string.Empty,
            Content = _blocks.Select(pair => pair.Value.ToBlock(pair.Key)).ToList(),
            StopReason = _stopReason ?? start?.StopReason,
            StopSequence = _stopSequence ?? start?.StopSequence,
            Usage = startUsage is null && _deltaUsage is null ? null : new MessageUsage
            {
                InputTokens = _deltaUsage?.InputTokens ?? startUsage?.InputTokens ?? 0,
                OutputTokens = _deltaUsage?.OutputTokens ?? startUsage?.OutputTokens ?? 0,
                CacheCreationInputTokens = _deltaUsage?.CacheCreationInputTokens ?? startUsage?.CacheCreationInputTokens,
                CacheReadInputTokens = _deltaUsage?.CacheReadInputTokens ?? startUsage?.CacheReadInputTokens,
                AdditionalProperties = startUsage?.AdditionalProperties,
            },
            Response = _response,
            AdditionalProperties = start?.AdditionalProperties,
        };
    }

    private BlockState Block(int index)
    {
        if (!_blocks.TryGetValue(index, out var state))
        {
            state = new BlockState();
            _blocks.Add(index, state);
        }

        return state;
    }

    private sealed class BlockState
    {
        private StringBuilder? _text;
        private StringBuilder? _thinking;
        private StringBuilder? _signature;
        private StringBuilder? _json;

        public MessageContentBlock? Start { get; set; }

        public void Add(MessageContentDelta delta)
        {
            if (delta.Type == MessageContentDeltaType.TextDelta)
            {
                (_text ??= new StringBuilder()).Append(delta.Text);
            }
            else if (delta.Type == MessageContentDeltaType.ThinkingDelta)
            {
                (_thinking ??= new StringBuilder()).Append(delta.Thinking);
            }
            else if (delta.Type == MessageContentDeltaType.SignatureDelta)
            {
                (_signature ??= new StringBuilder()).Append(delta.Signature);
            }
            else if (delta.Type == MessageContentDeltaType.InputJsonDelta)
            {
                (_json ??= new StringBuilder()).Append(delta.PartialJson);
            }
        }

        public MessageContentBlock ToBlock(int index)
        {
            var start = Start;
            return new MessageContentBlock
            {
                Type = start?.Type ?? Kind(),
                Text = Join(start?.Text, _text),
                Source = start?.Source,
                Id = start?.Id,
                Name = start?.Name,
                Input = _json is { Length: > 0 } json ? Parse(json.ToString(), index) : start?.Input,
                ToolUseId = start?.ToolUseId,
                Content = start?.Content,
                ContentBlocks = start?.ContentBlocks,
                IsError = start?.IsError,
                Thinking = Join(start?.Thinking, _thinking),
                Signature = Join(start?.Signature, _signature),
                Data = start?.Data,
                AdditionalProperties = start?.AdditionalProperties,
            };
        }

        // A block whose content_block_start never came: its kind, from the deltas it had.
        private MessageContentBlockType Kind() =>
            _json is not null ? MessageContentBlockType.ToolUse
            : _thinking is not null || _signature is not null ? MessageContentBlockType.Thinking
            : MessageContentBlockType.Text;

        private static string? Join(string? start, StringBuilder? deltas) =>
            deltas is null ? start : string.IsNullOrEmpty(start) ? deltas.ToString() : start + deltas.ToString();

        private static JsonElement Parse(string json, int index)
        {
            try
            {
                using var document = JsonDocument.Parse(json);
                return document.RootElement.Clone();
            }
            catch (JsonException exception)
            {
                throw new InvalidOperationException($"The input of the tool call in content block {index} is not valid JSON once its fragments are joined: {exception.Message}", exception);
            }
        }
    }
}
