using System.Reflection;

namespace MythicDot.Tests.Conventions;

/// <summary>Conventions every public member of the MythicDot assembly keeps, checked by reflection.</summary>
public sealed class PublicApiConventionTests
{
    private static readonly Assembly Sdk = typeof(MythicDotClient).Assembly;

    public static TheoryData<string> PublicAsyncMethods => new(
        Sdk.GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => !m.IsSpecialName && IsAsync(m.ReturnType) && !ImplementsDisposeAsync(m))
            .Select(Describe));

    public static TheoryData<string> PublicExceptionTypes => new(
        Sdk.GetExportedTypes().Where(t => typeof(Exception).IsAssignableFrom(t)).Select(t => t.FullName!));

    [Fact]
    public void Assembly_HasPublicAsyncMethods()
    {
        Assert.Contains(PublicAsyncMethods, row => row.Data.StartsWith("MythicDot.Chat.ChatCompletionsClient.CreateAsync", StringComparison.Ordinal));
        Assert.Contains(PublicAsyncMethods, row => row.Data.StartsWith("MythicDot.Models.ModelsClient.ListAsync", StringComparison.Ordinal));
    }

    [Fact]
    public void RootNamespace_HasNoTypeNamedLikeMicrosoftExtensionsAI()
    {
        // `using MythicDot; using Microsoft.Extensions.AI;` must compile with no alias: resource types live in MythicDot.Chat, ...
        var ai = typeof(Microsoft.Extensions.AI.IChatClient).Assembly.GetExportedTypes().Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

        var clashes = Sdk.GetExportedTypes().Where(t => t.Namespace == "MythicDot" && ai.Contains(t.Name)).Select(t => t.Name);

        Assert.Empty(clashes);
    }

    [Theory]
    [InlineData("MythicDot.Chat", "ChatCompletionsClient")]
    [InlineData("MythicDot.Embeddings", "EmbeddingsClient")]
    [InlineData("MythicDot.Models", "ModelsClient")]
    [InlineData("MythicDot.Images", "ImagesClient")]
    [InlineData("MythicDot.Messages", "MessagesClient")]
    public void ResourceArea_TypesLiveInTheAreasNamespace(string area, string client)
    {
        Assert.NotNull(Sdk.GetType(area + "." + client));
        Assert.DoesNotContain(Sdk.GetExportedTypes(), t => t.Namespace == "MythicDot" && t.Name.StartsWith(area["MythicDot.".Length..].TrimEnd('s'), StringComparison.Ordinal) && t.Name != "MythicDotClient");
    }

    [Fact]
    public void InternalMethods_TakeAtMostFiveParameters()
    {
        // One request descriptor (ApiRequest, ResponseReader, ErrorResponse, ErrorDetails, ...) instead of long parameter lists;
        // source-generated log methods, one parameter per field, aside.
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var tooLong = Sdk.GetTypes()
            .Where(t => t.Namespace is "MythicDot.Internal" or "MythicDot.Errors" && !t.Name.Contains('<', StringComparison.Ordinal))
            .SelectMany(t => t.GetMethods(All).Cast<MethodBase>().Concat(t.GetConstructors(All)))
            .Where(m => !m.Name.Contains('<', StringComparison.Ordinal) && m.GetParameters().Length > 5)
            .Where(m => !m.CustomAttributes.Any(a => a.AttributeType.Name == "LoggerMessageAttribute"))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name} ({m.GetParameters().Length})");

        Assert.Empty(tooLong);
    }

    [Theory]
    [MemberData(nameof(PublicAsyncMethods))]
    public void PublicAsyncMethod_Name_EndsInAsync(string method)
    {
        var name = method[..method.IndexOf('(', StringComparison.Ordinal)];

        Assert.EndsWith("Async", name, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PublicAsyncMethods))]
    public void PublicAsyncMethod_LastParameter_IsCancellationToken_OptionalOnTheLongestOverload(string method)
    {
        var info = Find(method);
        var last = info.GetParameters().LastOrDefault();
        var longest = info.DeclaringType!.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => m.Name == info.Name)
            .Max(m => m.GetParameters().Length);

        Assert.NotNull(last);
        Assert.Equal(typeof(CancellationToken), last.ParameterType);
        Assert.Equal("cancellationToken", last.Name);
        Assert.True(
            last.HasDefaultValue == (info.GetParameters().Length == longest),
            method + ": the token defaults on the longest overload only (the one overload with optional parameters, as RS0026/RS0027 ask)");
    }

    [Fact]
    public void Assembly_HasTheDocumentedExceptionTree()
    {
        Type[] documented =
        [
            typeof(ApiError), typeof(ApiConnectionError), typeof(ApiTimeoutError), typeof(BadRequestError), typeof(ContentFilteredError),
            typeof(AuthenticationError), typeof(PermissionDeniedError), typeof(NotFoundError), typeof(ConflictError),
            typeof(UnprocessableEntityError), typeof(RateLimitError), typeof(InternalServerError), typeof(ServiceUnavailableError),
        ];

        Assert.All(documented, type => Assert.Contains(PublicExceptionTypes, row => row.Data == type.FullName));
        Assert.True(typeof(ApiConnectionError).IsAssignableFrom(typeof(ApiTimeoutError)));
        Assert.True(typeof(BadRequestError).IsAssignableFrom(typeof(ContentFilteredError)));
    }

    [Theory]
    [MemberData(nameof(PublicExceptionTypes))]
    public void PublicException_DerivesFromApiError(string typeName)
    {
        var type = Sdk.GetType(typeName, throwOnError: true)!;

        Assert.True(typeof(ApiError).IsAssignableFrom(type), typeName + " does not derive from ApiError");
        Assert.Equal("MythicDot", type.Namespace);
    }

    [Theory]
    [MemberData(nameof(PublicExceptionTypes))]
    public void PublicException_HasTheThreeStandardConstructors(string typeName)
    {
        var type = Sdk.GetType(typeName, throwOnError: true)!;

        Assert.NotNull(type.GetConstructor(Type.EmptyTypes));
        Assert.NotNull(type.GetConstructor([typeof(string)]));
        Assert.NotNull(type.GetConstructor([typeof(string), typeof(Exception)]));
    }

    [Theory]
    [MemberData(nameof(PublicExceptionTypes))]
    public void PublicException_ConstructedByUser_KeepsMessageAndInner(string typeName)
    {
        var type = Sdk.GetType(typeName, throwOnError: true)!;
        var inner = new InvalidOperationException("inner");

        var bare = (ApiError)Activator.CreateInstance(type)!;
        var withMessage = (ApiError)Activator.CreateInstance(type, "custom message")!;
        var withInner = (ApiError)Activator.CreateInstance(type, "custom message", inner)!;

        Assert.False(string.IsNullOrWhiteSpace(bare.Message));
        Assert.Equal("custom message", withMessage.Message);
        Assert.Same(inner, withInner.InnerException);
        Assert.Equal(1, bare.Attempts);
        Assert.Null(bare.StatusCode);
        Assert.Empty(bare.ResponseHeaders);
    }

    [Theory]
    [MemberData(nameof(PublicExceptionTypes))]
    public void PublicException_SealedUnlessAPublicTypeDerives(string typeName)
    {
        var type = Sdk.GetType(typeName, throwOnError: true)!;
        var hasPublicSubtype = Sdk.GetExportedTypes().Any(t => t.BaseType == type);

        Assert.Equal(!hasPublicSubtype, type.IsSealed);
    }

    /// <summary>IAsyncDisposable.DisposeAsync() takes no token, by the interface's design (a RealtimeSession bounds its close with a timeout instead).</summary>
    private static bool ImplementsDisposeAsync(MethodInfo method) =>
        method.Name == nameof(IAsyncDisposable.DisposeAsync) && method.GetParameters().Length == 0 && typeof(IAsyncDisposable).IsAssignableFrom(method.DeclaringType);

    private static bool IsAsync(Type returnType)
    {
        if (returnType == typeof(Task) || returnType == typeof(ValueTask))
        {
            return true;
        }

        if (!returnType.IsGenericType)
        {
            return false;
        }

        var definition = returnType.GetGenericTypeDefinition();
        return definition == typeof(Task<>) || definition == typeof(ValueTask<>) || definition == typeof(IAsyncEnumerable<>);
    }

    private static string Describe(MethodInfo method) =>
        $"{method.DeclaringType!.FullName}.{method.Name}({string.Join(", ", method.GetParameters().Select(p => p.ParameterType.Name))})";

    private static MethodInfo Find(string description) =>
        Sdk.GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Single(m => Describe(m) == description);
}
