// The bare twins' wire types and source-generated JSON: what a hand-written client declares (shared by Bare and BareDI).
using System.Text.Json.Serialization;

internal sealed record ChatRequest(string Model, List<ChatMessage> Messages);

internal sealed record ChatMessage(string Role, string? Content);

internal sealed record ChatCompletion(string Id, List<ChatChoice> Choices);

internal sealed record ChatChoice(int Index, ChatMessage Message, string? FinishReason);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ChatRequest))]
[JsonSerializable(typeof(ChatCompletion))]
internal sealed partial class ColdJson : JsonSerializerContext;
