using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace MythicDot.Tests.Conventions;

/// <summary>
/// The public API is listed in a checked-in file; any change to it fails here until the listing is updated on purpose
/// (run the tests with MYTHICDOT_UPDATE_PUBLIC_API=1 and review the diff of the listing).
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void PublicApi_MatchesCheckedInListing()
    {
        var listingPath = ListingPath();
        var actual = PublicApiListing.Generate(typeof(MythicDotClient).Assembly);

        if (Environment.GetEnvironmentVariable("MYTHICDOT_UPDATE_PUBLIC_API") == "1")
        {
            File.WriteAllText(listingPath, actual);
        }

        Assert.True(File.Exists(listingPath), "The public API listing is missing: " + listingPath);
        var expected = File.ReadAllText(listingPath).ReplaceLineEndings("\n");
        var expectedLines = expected.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var actualLines = actual.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var added = actualLines.Except(expectedLines).Order(StringComparer.Ordinal).ToList();
        var removed = expectedLines.Except(actualLines).Order(StringComparer.Ordinal).ToList();

        Assert.True(
            added.Count == 0 && removed.Count == 0,
            "The public API changed. Review it, then update tests/MythicDot.Tests/Conventions/MythicDot.PublicApi.txt "
            + "(run the tests once with MYTHICDOT_UPDATE_PUBLIC_API=1).\n"
            + string.Concat(added.Select(l => "+ " + l + "\n"))
            + string.Concat(removed.Select(l => "- " + l + "\n")));
    }

    // The test project records the listing's absolute path at build time ([CallerFilePath] would not do: CI builds
    // map source paths to /_/ for deterministic output).
    private static string ListingPath() =>
        typeof(PublicApiTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "MythicDot.PublicApiListing").Value!;
}

/// <summary>Writes one line per public type and member, in a stable order.</summary>
internal static class PublicApiListing
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static string Generate(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            lines.Add(DescribeType(type));
            foreach (var member in type.GetMembers(Declared))
            {
                if (Describe(type, member) is { } line)
                {
                    lines.Add(Name(type) + " :: " + line);
                }
            }
        }

        lines.Sort(StringComparer.Ordinal);
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    private static string DescribeType(Type type)
    {
        var kind = type.IsEnum ? "enum" : type.IsValueType ? "struct" : type.IsInterface ? "interface"
            : typeof(Delegate).IsAssignableFrom(type) ? "delegate"
            : type.IsAbstract && type.IsSealed ? "static class"
            : type.IsAbstract ? "abstract class" : type.IsSealed ? "sealed class" : "class";
        var bases = new List<string>();
        if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType) && baseType != typeof(Enum))
        {
            bases.Add(Name(baseType));
        }

        bases.AddRange(type.GetInterfaces().Select(Name).Order(StringComparer.Ordinal));
        return $"{kind} {Name(type)}" + (bases.Count > 0 ? " : " + string.Join(", ", bases) : string.Empty);
    }

    private static string? Describe(Type owner, MemberInfo member)
    {
        switch (member)
        {
            case ConstructorInfo c when Visible(c):
                return $"{Access(c)}ctor({Parameters(c.GetParameters())})";
            case MethodInfo m when Visible(m) && !m.IsSpecialName:
                return $"{Access(m)}{Modifiers(m)}{Name(m.ReturnType)} {m.Name}{Generic(m)}({Parameters(m.GetParameters())})";
            case MethodInfo m when Visible(m) && m.Name.StartsWith("op_", StringComparison.Ordinal):
                return $"{Access(m)}static {Name(m.ReturnType)} {m.Name}({Parameters(m.GetParameters())})";
            case PropertyInfo p:
                var accessors = new[] { p.GetMethod, p.SetMethod }.Where(a => a is not null && Visible(a)).ToList();
                if (accessors.Count == 0)
                {
                    return null;
                }

                var first = accessors[0]!;
                var parts = accessors.Select(a => a == p.GetMethod ? "get;" : IsInit(a!) ? "init;" : "set;");
                var indexer = p.GetIndexParameters() is { Length: > 0 } index ? $"this[{Parameters(index)}]" : p.Name;
                return $"{Access(first)}{Modifiers(first)}{Name(p.PropertyType)} {indexer} {{ {string.Join(" ", parts)} }}";
            case FieldInfo f when f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly:
                if (owner.IsEnum && f.IsSpecialName)
                {
                    return null;
                }

                return $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : string.Empty)}{(f.IsInitOnly ? "readonly " : string.Empty)}{Name(f.FieldType)} {f.Name}"
                    + (f.IsLiteral ? " = " + f.GetRawConstantValue() : string.Empty);
            case EventInfo e when e.AddMethod is { } add && Visible(add):
                return $"{Access(add)}event {Name(e.EventHandlerType!)} {e.Name}";
            case Type nested when nested.IsNestedPublic || nested.IsNestedFamily:
                return "nested " + DescribeType(nested);
            default:
                return null;
        }
    }

    private static bool Visible(MethodBase method) => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly;

    private static bool IsInit(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Any(t => t.FullName == "System.Runtime.CompilerServices.IsExternalInit");

    private static string Access(MethodBase method) => method.IsPublic ? "public " : "protected ";

    private static string Modifiers(MethodInfo method) =>
        method.IsStatic ? "static "
        : method.IsAbstract ? "abstract "
        : method.IsVirtual && !method.IsFinal && method.GetBaseDefinition() == method ? "virtual "
        : method.IsVirtual && method.GetBaseDefinition() != method ? "override "
        : string.Empty;

    private static string Generic(MethodInfo method) =>
        method.IsGenericMethodDefinition ? "<" + string.Join(", ", method.GetGenericArguments().Select(a => a.Name)) + ">" : string.Empty;

    private static string Parameters(ParameterInfo[] parameters) => string.Join(", ", parameters.Select(p =>
        (p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : string.Empty)
        + (p.IsDefined(typeof(ParamArrayAttribute)) ? "params " : string.Empty)
        + (p.Member is MethodInfo { IsStatic: true } m && m.IsDefined(typeof(ExtensionAttribute)) && p.Position == 0 ? "this " : string.Empty)
        + Name(p.ParameterType) + " " + p.Name
        + (p.HasDefaultValue ? " = " + (p.DefaultValue?.ToString() ?? "null") : string.Empty)));

    private static string Name(Type type)
    {
        if (type.IsByRef)
        {
            return Name(type.GetElementType()!);
        }

        if (type.IsArray)
        {
            return Name(type.GetElementType()!) + "[]";
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Name(underlying) + "?";
        }

        if (type.IsGenericParameter)
        {
            return type.Name;
        }

        var name = type.IsNested ? Name(type.DeclaringType!) + "." + type.Name : (type.Namespace is null ? type.Name : type.Namespace + "." + type.Name);
        if (!type.IsGenericType)
        {
            return name;
        }

        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return (tick >= 0 ? name[..tick] : name) + "<" + string.Join(", ", type.GetGenericArguments().Select(Name)) + ">";
    }
}
