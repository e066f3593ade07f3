namespace MythicDot.Tests.Security;

/// <summary>Finds the key in anything an error, a log entry or a span exposes.</summary>
internal static class KeyAssert
{
    /// <summary>The key, and its first half: a key cut in two must not leave its first part behind either.</summary>
    public static void NotIn(string key, string? text, string where)
    {
        if (text is null)
        {
            return;
        }

        Assert.False(text.Contains(key, StringComparison.Ordinal), $"The key appears in {where}: {Around(text, key)}");
        var half = key[..(key.Length / 2)];
        Assert.False(text.Contains(half, StringComparison.Ordinal), $"The first half of the key ({half}) appears in {where}: {Around(text, half)}");
    }

    private static string Around(string text, string found)
    {
        var at = Math.Max(0, text.IndexOf(found, StringComparison.Ordinal));
        var start = Math.Max(0, at - 60);
        return (start > 0 ? "..." : string.Empty) + text.Substring(start, Math.Min(text.Length - start, 120 + found.Length)) + (text.Length > start + 120 + found.Length ? "..." : string.Empty);
    }

    public static void NotIn(string key, ApiError error)
    {
        NotIn(key, error.Message, "Message");
        NotIn(key, error.ToString(), "ToString()");
        NotIn(key, error.UserMessage, "UserMessage");
        NotIn(key, error.ResponseBody, "ResponseBody");
        NotIn(key, error.Code, "Code");
        NotIn(key, error.ErrorType, "ErrorType");
        NotIn(key, error.Param, "Param");
        NotIn(key, error.RequestId, "RequestId");
        foreach (var header in error.ResponseHeaders)
        {
            NotIn(key, header.Key + ": " + header.Value, "ResponseHeaders");
        }

        foreach (System.Collections.DictionaryEntry entry in error.Data)
        {
            NotIn(key, entry.Key + "=" + entry.Value, "Data");
        }

        for (var inner = error.InnerException; inner is not null; inner = inner.InnerException)
        {
            NotIn(key, inner.Message, "an inner exception's Message");
            NotIn(key, inner.ToString(), "an inner exception's ToString()");
        }
    }
}
