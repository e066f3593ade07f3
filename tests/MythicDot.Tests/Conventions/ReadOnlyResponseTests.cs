using System.Reflection;
using System.Text.Json;
using MythicDot.Serialization;

namespace MythicDot.Tests.Conventions;

/// <summary>A value the client returns cannot be changed under other readers: response models are init-only.</summary>
public sealed class ReadOnlyResponseTests
{
    // Built by callers as well as returned (an assistant message is sent back in the next request): init-only like the rest,
    // but reached through request types too, so they are checked here by name rather than skipped.
    private static readonly Type[] ResourceClients = [typeof(ChatCompletionsClient), typeof(EmbeddingsClient), typeof(ModelsClient), typeof(ImagesClient), typeof(MessagesClient)];

    // Built by the SDK, not read from JSON: nothing unknown can arrive in them.
    private static readonly HashSet<Type> NotFromJson = [typeof(ResponseInfo), typeof(RateLimitInfo), typeof(string)];

    public static TheoryData<string> ResponseTypes()
    {
        var seen = new HashSet<Type>();
        var pending = new Queue<Type>(ResourceClients
            .SelectMany(c => c.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => m.ReturnType)
            .Select(t => t.IsGenericType ? t.GetGenericArguments()[0] : t));
        while (pending.TryDequeue(out var type))
        {
            if (type.Assembly != typeof(MythicDotClient).Assembly || type.IsValueType || type == typeof(ResponseInfo) || !seen.Add(type))
            {
                continue;
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var propertyType = property.PropertyType;
                pending.Enqueue(propertyType.IsGenericType ? propertyType.GetGenericArguments()[^1] : propertyType);
            }
        }

        return new(seen.Select(t => t.FullName!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void ResponseTypes_IncludeTheModelsUsersRead()
    {
        var types = ResponseTypes().Select(row => row.Data).ToList();

        Assert.Contains(typeof(ChatCompletion).FullName!, types);
        Assert.Contains(typeof(ChatChoice).FullName!, types);
        Assert.Contains(typeof(Usage).FullName!, types);
        Assert.Contains(typeof(ChatMessageDelta).FullName!, types);
        Assert.Contains(typeof(Embedding).FullName!, types);
        Assert.Contains(typeof(Model).FullName!, types);
        Assert.Contains(typeof(GeneratedImage).FullName!, types);
        Assert.Contains(typeof(MessageContentBlock).FullName!, types);
        Assert.Contains(typeof(MessageUsage).FullName!, types);
    }

    [Theory]
    [MemberData(nameof(ResponseTypes))]
    public void ResponseType_KeepsTheFieldsItDoesNotType(string typeName)
    {
        // Nothing a server sends is silently lost: every object of a response keeps its unknown fields in AdditionalProperties.
        var type = typeof(MythicDotClient).Assembly.GetType(typeName)!;

        Assert.True(type.IsAssignableTo(typeof(ApiObject)) || !type.IsClass || NotFromJson.Contains(type),
            $"{type.Name} is read from a response but does not derive from ApiObject, so the fields it does not type would be dropped.");
    }

    [Theory]
    [MemberData(nameof(ResponseTypes))]
    public void ResponseType_HasNoPublicSetter(string typeName)
    {
        var type = typeof(MythicDotClient).Assembly.GetType(typeName)!;

        var settable = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } setter && !setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit"))
            .Select(p => p.Name);

        Assert.Empty(settable);
    }

    [Theory]
    [MemberData(nameof(ResponseTypes))]
    public void ResponseType_ListsAreReadOnly(string typeName)
    {
        var type = typeof(MythicDotClient).Assembly.GetType(typeName)!;

        var mutable = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType.IsArray || (p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() is var d && (d == typeof(List<>) || d == typeof(IList<>) || d == typeof(ICollection<>) || d == typeof(Dictionary<,>) || d == typeof(IDictionary<,>))))
            .Select(p => p.Name);

        Assert.Empty(mutable);
    }

    [Fact]
    public void AdditionalProperties_ReadFromTheWire_AndWrittenBack()
    {
        var completion = JsonSerializer.Deserialize("""{"id":"c","object":"chat.completion","created":1,"model":"m","choices":[],"system_fingerprint":"fp_1"}""", ChatJsonContext.Default.ChatCompletion)!;

        Assert.Equal("fp_1", completion.AdditionalProperties!["system_fingerprint"].GetString());
        Assert.Contains("\"system_fingerprint\":\"fp_1\"", JsonSerializer.Serialize(completion, ChatJsonContext.Default.ChatCompletion), StringComparison.Ordinal);
    }

    [Fact]
    public void AdditionalProperties_FromAnyReadOnlyDictionary_IsSerialized()
    {
        IReadOnlyDictionary<string, JsonElement> extra = new System.Collections.ObjectModel.ReadOnlyDictionary<string, JsonElement>(
            new Dictionary<string, JsonElement> { ["x_tag"] = JsonSerializer.SerializeToElement(1) });
        var message = new ChatMessage { Role = ChatRole.User, Content = "hi", AdditionalProperties = extra };

        Assert.Equal("""{"role":"user","content":"hi","x_tag":1}""", JsonSerializer.Serialize(message, ChatJsonContext.Default.ChatMessage));
        Assert.Equal(1, message.AdditionalProperties!["x_tag"].GetInt32());
    }

    [Fact]
    public void Urls_ReadTwice_IsTheSameList()
    {
        var response = new ImageGenerationResponse { Data = [new GeneratedImage { Url = new Uri("https://img.test/1.png") }] };

        Assert.Same(response.Urls, response.Urls);
        Assert.Equal([new Uri("https://img.test/1.png")], response.Urls);
    }
}
