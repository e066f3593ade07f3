using System.Text;
using System.Text.Json;

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
    private Dictionary<string, JsonElement>? _extra;

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
        Merge(ref _extra, chunk.AdditionalProperties);
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
        AdditionalProperties = _extra,
    };

    /// <summary>Folds fields the SDK does not type into one dictionary: a field a later chunk sends again replaces the earlier value.</summary>
    private static void Merge(ref Dictionary<string, JsonElement>? into, IReadOnlyDictionary<string, JsonElement>? from)
    {
        if (from is null)
        {
            return;
        }

        into ??= new Dictionary<string, JsonElement>(from.Count);
        foreach (var pair in from)
        {
            into[pair.Key] = pair.Value;
        }
    }

    private sealed class ChoiceState
    {
        private readonly StringBuilder _content = new();
        private StringBuilder? _refusal;
        private List<ChatTokenLogprob>? _contentLogprobs;
        private List<ChatTokenLogprob>? _refusalLogprobs;
        private Dictionary<string, JsonElement>? _choiceExtra;
        private Dictionary<string, JsonElement>? _messageExtra;
        private bool _sawLogprobs;
        private readonly SortedDictionary<int, ToolCallState> _toolCalls = [];
        private ChatRole? _role;
        private bool _sawContent;
        private ChatFinishReason? _finishReason;

        public void Add(ChatChunkChoice choice)
        {
            var delta = choice.Delta;
            _role ??= delta?.Role;
            _finishReason = choice.FinishReason ?? _finishReason;
            Merge(ref _choiceExtra, choice.AdditionalProperties);
            Merge(ref _messageExtra, delta?.AdditionalProperties);
            if (delta?.Refusal is { } refusal)
            {
                (_refusal ??= new StringBuilder()).Append(refusal);
            }

            if (choice.Logprobs is { } logprobs)
            {
                _sawLogprobs = true;
                if (logprobs.Content is { } content)
                {
                    (_contentLogprobs ??= []).AddRange(content);
                }

                if (logprobs.Refusal is { } refused)
                {
                    (_refusalLogprobs ??= []).AddRange(refused);
                }
            }
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
            Logprobs = _sawLogprobs ? new ChatChoiceLogprobs { Content = _contentLogprobs, Refusal = _refusalLogprobs } : null,
            AdditionalProperties = _choiceExtra,
            Message = new ChatMessage
            {
                Role = _role ?? ChatRole.Assistant,
                Content = _sawContent || (_toolCalls.Count == 0 && _refusal is null) ? _content.ToString() : null,
                Refusal = _refusal?.ToString(),
                ToolCalls = _toolCalls.Count == 0 ? null : _toolCalls.Values.Select(t => t.ToToolCall()).ToList(),
                AdditionalProperties = _messageExtra,
            },
        };
    }

    private sealed class ToolCallState
    {
        private readonly StringBuilder _arguments = new();
        private string? _id;
        private string? _type;
        private string? _name;
        private bool _sawFunction;
        private Dictionary<string, JsonElement>? _extra;
        private Dictionary<string, JsonElement>? _functionExtra;

        public void Add(ChatToolCallDelta delta)
        {
            _id ??= delta.Id;
            _type ??= delta.Type;
            Merge(ref _extra, delta.AdditionalProperties);
            if (delta.Function is { } function)
            {
                _sawFunction = true;
                _name ??= function.Name;
                _arguments.Append(function.Arguments);
                Merge(ref _functionExtra, function.AdditionalProperties);
            }
        }

        // A call of another type than function is kept as it came (its fields in AdditionalProperties), never given an empty function.
        public ChatToolCall ToToolCall() => new()
        {
            Id = _id ?? string.Empty,
            Type = _type ?? "function",
            Function = _sawFunction || _type is null or "function"
                ? new ChatFunctionCall { Name = _name ?? string.Empty, Arguments = _arguments.ToString(), AdditionalProperties = _functionExtra }
                : null,
            AdditionalProperties = _extra,
        };
    }
}
