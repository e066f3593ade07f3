using System.Text;

namespace MythicDot.Chat;

/// <summary>
/// Folds the chunks of a streamed completion into the <see cref="ChatCompletion"/> a non-streamed call would return,
/// tool-call argument fragments included, so that streaming and non-streaming code can share their handling.
/// </summary>
/// <remarks>Not thread-safe: feed it from the loop that reads the stream.</remarks>
public sealed class ChatCompletionAccumulator
{
    private readonly SortedDictionary<int, ChoiceState> _choices = [];
    private string? _id;
    private DateTimeOffset _created;
    private string? _model;
    private Usage? _usage;
    private ResponseInfo? _response;

    /// <summary>Adds one chunk.</summary>
    /// <param name="chunk">The next chunk of the stream.</param>
    public void Add(ChatCompletionChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        _id ??= chunk.Id;
        if (_created == default)
        {
            _created = chunk.Created;
        }

        _model ??= chunk.Model;
        _usage = chunk.Usage ?? _usage;
        _response ??= chunk.Response;
        // A server's "choices": null or [null] must not crash the caller: skip what is not there.
        foreach (var choice in chunk.Choices ?? [])
        {
            if (choice is null)
            {
                continue;
            }

            if (!_choices.TryGetValue(choice.Index, out var state))
            {
                state = new ChoiceState();
                _choices.Add(choice.Index, state);
            }

            state.Add(choice);
        }
    }

    /// <summary>Builds the completion from the chunks added so far.</summary>
    /// <returns>The completion, with one choice per choice index seen.</returns>
    public ChatCompletion ToCompletion() => new()
    {
        Id = _id ?? string.Empty,
        Created = _created,
        Model = _model ?? string.Empty,
        Usage = _usage,
        Choices = _choices.Select(pair => pair.Value.ToChoice(pair.Key)).ToList(),
        Response = _response,
    };

    private sealed class ChoiceState
    {
        private readonly StringBuilder _content = new();
        private readonly SortedDictionary<int, ToolCallState> _toolCalls = [];
        private ChatRole? _role;
        private bool _sawContent;
        private ChatFinishReason? _finishReason;

        public void Add(ChatChunkChoice choice)
        {
            var delta = choice.Delta;
            _role ??= delta?.Role;
            _finishReason = choice.FinishReason ?? _finishReason;
            if (delta?.Content is { } text)
            {
                _sawContent |= text.Length > 0;
                _content.Append(text);
            }

            if (delta?.ToolCalls is { } calls)
            {
                foreach (var call in calls)
                {
                    if (call is null)
                    {
                        continue;
                    }

                    if (!_toolCalls.TryGetValue(call.Index, out var state))
                    {
                        state = new ToolCallState();
                        _toolCalls.Add(call.Index, state);
                    }

                    state.Add(call);
                }
            }
        }

        public ChatChoice ToChoice(int index) => new()
        {
            Index = index,
            FinishReason = _finishReason,
            Message = new ChatMessage
            {
                Role = _role ?? ChatRole.Assistant,
                Content = _sawContent || _toolCalls.Count == 0 ? _content.ToString() : null,
                ToolCalls = _toolCalls.Count == 0 ? null : _toolCalls.Values.Select(t => t.ToToolCall()).ToList(),
            },
        };
    }

    private sealed class ToolCallState
    {
        private readonly StringBuilder _arguments = new();
        private string? _id;
        private string? _type;
        private string? _name;

        public void Add(ChatToolCallDelta delta)
        {
            _id ??= delta.Id;
            _type ??= delta.Type;
            _name ??= delta.Function?.Name;
            _arguments.Append(delta.Function?.Arguments);
        }

        public ChatToolCall ToToolCall() => new()
        {
            Id = _id ?? string.Empty,
            Type = _type ?? "function",
            Function = new ChatFunctionCall { Name = _name ?? string.Empty, Arguments = _arguments.ToString() },
        };
    }
}
