using MythicDot.Internal;

namespace MythicDot.Chat;

/// <summary>The chat endpoints: <see cref="Completions"/>.</summary>
public class ChatClient
{
    /// <summary>Initializes a new instance of the <see cref="ChatClient"/> class for mocking.</summary>
    protected ChatClient()
    {
        Completions = null!;
    }

    internal ChatClient(ApiTransport transport)
    {
        Completions = new ChatCompletionsClient(transport);
    }

    /// <summary>Gets the chat completions endpoint (<c>POST /chat/completions</c>).</summary>
    public virtual ChatCompletionsClient Completions { get; }
}
