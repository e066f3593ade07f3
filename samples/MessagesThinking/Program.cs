// Messages with extended thinking: ask mythic-4-thinking, print its thinking and then its answer as they stream in.
using MythicDot;
using MythicDot.Messages;

await using var backend = await SampleBackend.StartAsync();
var client = new MythicDotClient(backend.Options);

// Thinking on sends `mythicdot-beta: extended-thinking-2025-01` for you; the budget must be at least 1,024 tokens and below MaxTokens.
var request = new MessageRequest("mythic-4-thinking", 16_000, "Why does a lighthouse's beam seem to sweep around?")
{
    System = "You are a patient physics teacher.",
    Thinking = MessageThinkingConfig.Enabled(10_000),
};

var tokens = await client.Messages.CountTokensAsync(new MessageCountTokensRequest(request));
Console.WriteLine($"Input: {tokens.InputTokens} tokens");

var accumulator = new MessageAccumulator();
await foreach (var streamEvent in client.Messages.CreateStreamingAsync(request))
{
    accumulator.Add(streamEvent);
    switch (streamEvent)
    {
        case ContentBlockStartEvent { ContentBlock: { } block }:
            Console.WriteLine();
            Console.Write(block.Type == MessageContentBlockType.Thinking ? "[thinking] " : "[answer]   ");
            break;
        case ContentBlockDeltaEvent { Delta: { } delta } when delta.Type == MessageContentDeltaType.ThinkingDelta:
            Console.Write(delta.Thinking);
            break;
        case ContentBlockDeltaEvent { Delta: { } delta } when delta.Type == MessageContentDeltaType.TextDelta:
            Console.Write(delta.Text);
            break;
    }
}

Console.WriteLine();

// The events fold into the Message a non-streamed call returns: thinking (with its signature), text, stop reason, usage.
Message message = accumulator.ToMessage();
Console.WriteLine($"Stop reason: {message.StopReason}; {message.Usage?.InputTokens} tokens in, {message.Usage?.OutputTokens} out (thinking included).");
Console.WriteLine($"Thinking signed: {message.Content[0].Signature is { Length: > 0 }}");

// To continue the conversation, send the reply back as it came (thinking blocks and signatures included).
request.Messages.Add(MessageParam.Assistant(message));
request.Messages.Add(MessageParam.User("And in one sentence?"));
var followUp = await client.Messages.CreateAsync(request);
Console.WriteLine($"Follow-up: {followUp.Text}");
