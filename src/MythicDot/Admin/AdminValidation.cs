using System.Text.Json;

namespace MythicDot.Admin;

/// <summary>Checks shared by the admin request types.</summary>
internal static class AdminValidation
{
    public static void RefuseTyped(IDictionary<string, JsonElement>? additional, string[] typedNames, string typeName, string paramName)
    {
        foreach (var name in additional?.Keys ?? [])
        {
            if (Array.IndexOf(typedNames, name) >= 0)
            {
                throw new ArgumentException($"{typeName}.AdditionalProperties has '{name}', which a typed property sends; set that property instead.", paramName);
            }
        }
    }
}
