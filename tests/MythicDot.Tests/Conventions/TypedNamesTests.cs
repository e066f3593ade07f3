using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using MythicDot.Chat;
using MythicDot.Embeddings;
using MythicDot.Images;
using MythicDot.Serialization;

namespace MythicDot.Tests.Conventions;

/// <summary>
/// Each request refuses an <c>AdditionalProperties</c> entry that a typed property already sends, from a list of names.
/// The list must be the JSON names the serializer writes, so that a new typed field cannot be forgotten in it.
/// </summary>
public sealed class TypedNamesTests
{
    public static TheoryData<Type, string[]> Requests() => new()
    {
        { typeof(ChatCompletionRequest), ["stream"] },
        { typeof(EmbeddingRequest), [] },
        { typeof(ImageGenerationRequest), [] },
        { typeof(MessageRequest), ["stream"] },
        { typeof(MessageCountTokensRequest), [] },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void TypedNames_AreTheSerializedPropertyNames(Type type, string[] setByTheSdk)
    {
        var info = (type == typeof(ChatCompletionRequest) ? ChatJsonContext.Default
            : type == typeof(EmbeddingRequest) ? EmbeddingsJsonContext.Default
            : type == typeof(MessageRequest) || type == typeof(MessageCountTokensRequest) ? MessagesJsonContext.Default
            : (System.Text.Json.Serialization.JsonSerializerContext)ImagesJsonContext.Default).GetTypeInfo(type)!;
        var serialized = info.Properties.Where(p => !IsExtensionData(p) && !IsIgnored(p)).Select(p => p.Name).Concat(setByTheSdk).Order(StringComparer.Ordinal);
        var typedNames = (string[])type.GetField("TypedNames", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;

        Assert.Equal(serialized, typedNames.Order(StringComparer.Ordinal));
    }

    // A property the wire carries through another one (MessageRequest.System and SystemBlocks, through "system").
    // The source generator keeps such a property in the metadata without accessors (and without its attributes).
    private static bool IsIgnored(JsonPropertyInfo property) => property.Get is null && property.Set is null;

    private static bool IsExtensionData(JsonPropertyInfo property) =>
        property.AttributeProvider is MemberInfo member && member.IsDefined(typeof(System.Text.Json.Serialization.JsonExtensionDataAttribute));
}
