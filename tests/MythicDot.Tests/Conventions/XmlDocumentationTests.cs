using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Xml.Linq;

namespace MythicDot.Tests.Conventions;

/// <summary>
/// Every publicly visible type and member has an entry with text in the generated MythicDot.xml, and nothing else has one. CS1591 already fails the
/// build on a missing comment; this proves the shipped documentation file has them all, under the IDs a reader's IDE looks up.
/// </summary>
public sealed class XmlDocumentationTests
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Assembly Sdk = typeof(MythicDotClient).Assembly;

#if SDK_NETSTANDARD2_0
    // The emulator package has no netstandard2.0 build; this copy of the tests checks the SDK's netstandard2.0 file only.
    private static readonly Assembly Emulator = Sdk;
#else
    private static readonly Assembly Emulator = typeof(MythicDot.Testing.MythicDotEmulator).Assembly;
#endif

    private static readonly ConcurrentDictionary<Assembly, Dictionary<string, XElement>> Files = new();

    public static TheoryData<string> Packages => new(new[] { Sdk.GetName().Name!, Emulator.GetName().Name! }.Distinct());

    [Fact]
    public void DocumentationIds_ForKnownMembers_MatchTheCompilersIds()
    {
        var ids = PublicDocumentationIds(Sdk).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("T:MythicDot.MythicDotClient", ids);
        Assert.Contains("M:MythicDot.MythicDotClient.#ctor(System.Net.Http.HttpClient,MythicDot.MythicDotClientOptions)", ids);
        Assert.Contains("M:MythicDot.MythicDotClient.SendRequestAsync(System.Net.Http.HttpMethod,System.String,System.Nullable{System.Text.Json.JsonElement},MythicDot.RequestOptions,System.Threading.CancellationToken)", ids);
        Assert.Contains("P:MythicDot.MythicDotClientOptions.DefaultHeaders", ids);
        Assert.Contains("F:MythicDot.ErrorCodes.RateLimitExceeded", ids);
        Assert.True(ids.Count > 300, $"only {ids.Count} public types and members found");
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void PublicTypesAndMembers_HaveXmlDocumentation(string package)
    {
        var assembly = ByName(package);
        var missing = PublicDocumentationIds(assembly)
            .Where(id => !Documented(assembly).TryGetValue(id, out var entry) || !HasText(entry))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(missing.Count == 0, "No XML documentation for:\n" + string.Join("\n", missing));
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void XmlDocumentation_HoldsNoEntriesForInternalTypesOrMembers(string package)
    {
        var assembly = ByName(package);
        // The package's MythicDot.xml is what a reader's IDE shows: an entry for an internal type or member documents
        // something no caller can reach. Contributors keep their /// comments; the build drops those entries (Directory.Build.props).
        var visible = PublicDocumentationIds(assembly).ToHashSet(StringComparer.Ordinal);
        var internalEntries = Documented(assembly).Keys
            .Where(id => !visible.Contains(id))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(internalEntries.Count == 0, package + ".xml documents what is not public:\n" + string.Join("\n", internalEntries));
    }

    private static Assembly ByName(string package) => package == Sdk.GetName().Name ? Sdk : Emulator;

    private static Dictionary<string, XElement> Documented(Assembly assembly) => Files.GetOrAdd(assembly, a =>
        XDocument.Load(Path.ChangeExtension(a.Location, ".xml"))
            .Descendants("member")
            .ToDictionary(m => (string)m.Attribute("name")!, StringComparer.Ordinal));

    /// <summary>A summary with words, or <c>inheritdoc</c>.</summary>
    private static bool HasText(XElement entry) =>
        entry.Element("inheritdoc") is not null || !string.IsNullOrWhiteSpace(entry.Element("summary")?.Value);

    private static IEnumerable<string> PublicDocumentationIds(Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(IsVisible))
        {
            yield return "T:" + TypeName(type);
            foreach (var member in type.GetMembers(Declared))
            {
                if (member.IsDefined(typeof(CompilerGeneratedAttribute)) || member is Type)
                {
                    continue;
                }

                var id = member switch
                {
                    ConstructorInfo c when IsVisible(c) && !IsImplicitDefault(c, type, assembly) => "M:" + TypeName(type) + ".#ctor" + Parameters(c.GetParameters()),
                    MethodInfo m when IsVisible(m) && !m.IsSpecialName => "M:" + TypeName(type) + "." + m.Name + GenericArity(m) + Parameters(m.GetParameters()),
                    MethodInfo m when IsVisible(m) && m.Name.StartsWith("op_", StringComparison.Ordinal) =>
                        "M:" + TypeName(type) + "." + m.Name + Parameters(m.GetParameters())
                        + (m.Name is "op_Implicit" or "op_Explicit" ? "~" + ParameterType(m.ReturnType) : string.Empty),
                    PropertyInfo p when new[] { p.GetMethod, p.SetMethod }.Any(a => a is not null && IsVisible(a)) =>
                        "P:" + TypeName(type) + "." + p.Name + Parameters(p.GetIndexParameters()),
                    FieldInfo f when (f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly) && !f.IsSpecialName => "F:" + TypeName(type) + "." + f.Name,
                    EventInfo e when e.AddMethod is { } add && IsVisible(add) => "E:" + TypeName(type) + "." + e.Name,
                    _ => null,
                };
                if (id is not null)
                {
                    yield return id;
                }
            }
        }
    }

    private static bool IsVisible(Type type) =>
        type.IsPublic || ((type.IsNestedPublic || type.IsNestedFamily || type.IsNestedFamORAssem) && IsVisible(type.DeclaringType!));

    private static bool IsVisible(MethodBase method) =>
        (method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly) && !(method.IsFamily && method.DeclaringType!.IsSealed);

    /// <summary>
    /// A constructor the compiler wrote has no comment to carry (the type's summary covers it), and reflection cannot tell it
    /// from a declared one: an undocumented parameterless constructor is taken as written by the compiler. A declared one
    /// without a comment still fails the build (CS1591).
    /// </summary>
    private static bool IsImplicitDefault(ConstructorInfo constructor, Type type, Assembly assembly) =>
        constructor.GetParameters().Length == 0 && !Documented(assembly).ContainsKey("M:" + TypeName(type) + ".#ctor");

    private static string GenericArity(MethodInfo method) =>
        method.IsGenericMethodDefinition ? "``" + method.GetGenericArguments().Length : string.Empty;

    private static string Parameters(ParameterInfo[] parameters) =>
        parameters.Length == 0 ? string.Empty : "(" + string.Join(",", parameters.Select(p => ParameterType(p.ParameterType))) + ")";

    /// <summary>The type's name as a documentation ID writes it after <c>T:</c>: nested types joined by dots, arity kept.</summary>
    private static string TypeName(Type type) =>
        type.IsNested ? TypeName(type.DeclaringType!) + "." + type.Name : type.Namespace + "." + type.Name;

    /// <summary>A parameter's type as a documentation ID writes it: generic arguments in braces, <c>@</c> for by-reference.</summary>
    private static string ParameterType(Type type)
    {
        if (type.IsByRef)
        {
            return ParameterType(type.GetElementType()!) + "@";
        }

        if (type.IsArray)
        {
            return ParameterType(type.GetElementType()!) + (type.GetArrayRank() == 1 ? "[]" : "[" + string.Join(",", Enumerable.Repeat("0:", type.GetArrayRank())) + "]");
        }

        if (type.IsGenericParameter)
        {
            return (type.DeclaringMethod is null ? "`" : "``") + type.GenericParameterPosition;
        }

        var name = new StringBuilder(type.IsNested ? ParameterType(type.DeclaringType!) : type.Namespace);
        name.Append('.').Append(type.IsGenericType ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] : type.Name);
        if (type.IsGenericType)
        {
            name.Append('{').AppendJoin(",", type.GetGenericArguments().Select(ParameterType)).Append('}');
        }

        return name.ToString();
    }
}
