namespace MythicDot.Internal;

/// <summary>What a call does, for telemetry: the GenAI operation name and the model asked for.</summary>
/// <param name="Name">The operation: <c>chat</c> (chat completions, messages and responses), <c>count_tokens</c>, <c>embeddings</c>, <c>image_generation</c>, <c>moderation</c>, <c>list_models</c>, <c>retrieve_model</c>, <c>retrieve_response</c>, <c>delete_response</c> or <c>raw</c>.</param>
/// <param name="Model">The model requested, when there is one.</param>
internal readonly record struct ApiOperation(string Name, string? Model = null);
