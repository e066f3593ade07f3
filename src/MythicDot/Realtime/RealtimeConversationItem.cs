using System.Text.Json.Serialization;

namespace MythicDot.Realtime;

/// <summary>An item of a realtime conversation: a message, a function call or a function call's output. Sent in
/// <see cref="ConversationItemCreateEvent"/>, and returned in <see cref="ConversationItemCreatedEvent"/> and a response's output.</summary>
public sealed class RealtimeConversationItem : ApiObject
{
    /// <summary>Gets or sets the item's id; the server assigns one when it is not sent.</summary>
    public string? Id { get; init; }

    /// <summary>Gets the object type the server names, <c>realtime.item</c>.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; init; }

    /// <summary>Gets or sets the kind of item: <c>message</c>, <c>function_call</c> or <c>function_call_output</c>.</summary>
    public string? Type { get; init; }

    /// <summary>Gets the item's state as the server reports it: <c>completed</c>, <c>in_progress</c> or <c>incomplete</c>.</summary>
    public string? Status { get; init; }

    /// <summary>Gets or sets, on a message, who wrote it: <see cref="ChatRole.User"/>, <see cref="ChatRole.Assistant"/> or <see cref="ChatRole.System"/>.</summary>
    public ChatRole? Role { get; init; }

    /// <summary>Gets or sets, on a message, its content parts.</summary>
    public IReadOnlyList<RealtimeContentPart>? Content { get; init; }

    /// <summary>Gets or sets, on a function call or its output, the call's id.</summary>
    public string? CallId { get; init; }

    /// <summary>Gets, on a function call, the function's name.</summary>
    public string? Name { get; init; }

    /// <summary>Gets, on a function call, the arguments as a JSON string.</summary>
    public string? Arguments { get; init; }

    /// <summary>Gets or sets, on a function call's output, the output the function produced.</summary>
    public string? Output { get; init; }

    /// <summary>Creates a user message with one text part.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The item.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public static RealtimeConversationItem UserMessage(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new RealtimeConversationItem { Type = "message", Role = ChatRole.User, Content = [RealtimeContentPart.InputText(text)] };
    }

    /// <summary>Creates the output of a function call, to send back before asking for the next response.</summary>
    /// <param name="callId">The id of the call it answers.</param>
    /// <param name="output">What the function produced, usually JSON.</param>
    /// <returns>The item.</returns>
    /// <exception cref="ArgumentException"><paramref name="callId"/> is blank.</exception>
    public static RealtimeConversationItem FunctionCallOutput(string callId, string output)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(callId);
        ArgumentNullException.ThrowIfNull(output);
        return new RealtimeConversationItem { Type = "function_call_output", CallId = callId, Output = output };
    }
}
