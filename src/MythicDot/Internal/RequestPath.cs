namespace MythicDot.Internal;

/// <summary>
/// Turns the paths the SDK sends to into absolute URLs that cannot leave <see cref="MythicDotClient.BaseUrl"/>: the rule is about
/// the URL a path resolves to, not about how the path is spelled.
/// </summary>
/// <remarks>
/// A path is resolved against the base URL exactly as the request will be (<c>new Uri(baseUrl, path)</c>, which turns <c>\</c> into
/// <c>/</c>, trims leading white space and control characters and applies <c>..</c>), and the result is refused unless it has the
/// base URL's scheme, host and port, no user info, and a path under the base URL's path, both as sent and as a server that
/// percent-decodes before routing would read it (<c>%2f</c>, <c>%5c</c>, <c>%2e</c>). Values the SDK puts into a path (model ids,
/// file ids, ...) go through <see cref="Segment"/>, which makes each one escaped segment, never a separator.
/// </remarks>
internal static class RequestPath
{
    /// <summary>Resolves a path relative to <paramref name="baseUrl"/>, refusing any result outside it.</summary>
    /// <param name="baseUrl">The client's base URL, ending in <c>/</c>.</param>
    /// <param name="relativePath">The path, with an optional query.</param>
    /// <param name="parameterName">The caller's parameter, named by the exception.</param>
    /// <exception cref="ArgumentException">The path resolves outside <paramref name="baseUrl"/>.</exception>
    public static Uri Resolve(Uri baseUrl, string relativePath, string parameterName)
    {
        Uri uri;
        try
        {
            uri = new Uri(baseUrl, relativePath);
        }
        catch (UriFormatException exception)
        {
            throw new ArgumentException($"The path '{Printable(relativePath)}' is not a valid URL path relative to BaseUrl: {exception.Message}", parameterName, exception);
        }

        if (OutsideReason(baseUrl, uri) is { } reason)
        {
            throw new ArgumentException(
                $"The path '{Printable(relativePath)}' resolves to '{uri.OriginalString}', {reason}; the request would leave BaseUrl '{baseUrl}', so it was not sent.",
                parameterName);
        }

        return uri;
    }

    /// <summary>Checks a raw path a caller gave, before it is resolved; returns it without its one optional leading <c>/</c>.</summary>
    /// <remarks>Refuses what <see cref="Uri"/> would change silently (white space and control characters it trims or escapes,
    /// <c>\</c> it turns into <c>/</c>, dot segments it removes), a scheme, a scheme-relative <c>//host</c> and a fragment.</remarks>
    /// <exception cref="ArgumentException">The path is not a plain relative path.</exception>
    public static string ValidateRaw(string path, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path, parameterName);
        if (RawPathProblem(path) is { } problem)
        {
            throw new ArgumentException($"The path must be relative to BaseUrl, such as \"moderations\" or \"files/file-123\": '{Printable(path)}' is refused because {problem}.", parameterName);
        }

        return path[0] == '/' ? path[1..] : path;
    }

    /// <summary>Escapes a value as exactly one path segment: a model id, a file id, ...</summary>
    /// <param name="value">The value.</param>
    /// <param name="parameterName">The caller's parameter, named by the exception.</param>
    /// <returns>The escaped segment (no <c>/</c>, <c>\</c>, <c>?</c> or <c>#</c> survives).</returns>
    /// <exception cref="ArgumentException">The value is empty or white space, or <c>.</c> or <c>..</c>, which no escaping keeps a segment.</exception>
    public static string Segment(string value, string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, parameterName);
        if (value is "." or "..")
        {
            // Dot segments survive escaping, and URLs resolve them away: "." would name the collection, ".." its parent.
            throw new ArgumentException($"'{value}' is not a valid {parameterName}: a dot segment would change the path.", parameterName);
        }

        return Uri.EscapeDataString(value);
    }

    private static string? RawPathProblem(string path)
    {
        foreach (var c in path)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                return "it contains white space or a control character (escape it with Uri.EscapeDataString)";
            }

            if (c == '\\')
            {
                return "it contains '\\', which URLs read as '/'";
            }
        }

        var questionMark = path.IndexOf('?', StringComparison.Ordinal);
        var pathPart = questionMark < 0 ? path : path[..questionMark];
        if (path.StartsWith("//", StringComparison.Ordinal))
        {
            return "it starts with '//', which names another host";
        }

        if (HasScheme(pathPart))
        {
            return "it is an absolute URL (only paths relative to BaseUrl are accepted, so the key never goes to another host)";
        }

        if (path.Contains('#', StringComparison.Ordinal))
        {
            return "it has a fragment ('#'), which is never sent";
        }

        if (pathPart.TrimStart('/').Length == 0)
        {
            return "it names no path, only a query";
        }

        return HasDotSegment(pathPart) ? "it has a '.' or '..' segment (plain or percent-encoded), which would move it to another path" : null;
    }

    private static string? OutsideReason(Uri baseUrl, Uri uri)
    {
        if (!uri.IsAbsoluteUri || !string.Equals(uri.Scheme, baseUrl.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return "whose scheme is not " + baseUrl.Scheme;
        }

        if (!string.Equals(uri.IdnHost, baseUrl.IdnHost, StringComparison.OrdinalIgnoreCase) || uri.Port != baseUrl.Port)
        {
            return "which is another host or port";
        }

        if (!string.Equals(uri.UserInfo, baseUrl.UserInfo, StringComparison.Ordinal))
        {
            return "which carries other user info";
        }

        var prefix = baseUrl.AbsolutePath;
        if (!uri.AbsolutePath.StartsWith(prefix, StringComparison.Ordinal) || uri.AbsolutePath.Length == prefix.Length)
        {
            return "which is not a path under " + prefix;
        }

        // A server that percent-decodes before routing reads %2f and %5c as separators and %2e%2e as a parent.
        var decoded = RemoveDotSegments(Uri.UnescapeDataString(uri.AbsolutePath).Replace('\\', '/'));
        if (!decoded.StartsWith(prefix, StringComparison.Ordinal) || decoded.Length == prefix.Length)
        {
            return "which, percent-decoded, is not a path under " + prefix;
        }

        return null;
    }

    private static string RemoveDotSegments(string path)
    {
        var output = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment == "..")
            {
                if (output.Count > 1)
                {
                    output.RemoveAt(output.Count - 1);
                }
            }
            else if (segment != ".")
            {
                output.Add(segment);
            }
        }

        var result = string.Join("/", output);
        return path.EndsWith("/.", StringComparison.Ordinal) || path.EndsWith("/..", StringComparison.Ordinal) ? result + "/" : result;
    }

    private static bool HasScheme(string path)
    {
        // RFC 3986: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":", before any '/'.
        var colon = path.IndexOf(':', StringComparison.Ordinal);
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        if (colon <= 0 || (slash >= 0 && slash < colon) || !IsAsciiLetter(path[0]))
        {
            return false;
        }

        for (var i = 1; i < colon; i++)
        {
            var c = path[i];
            if (!IsAsciiLetter(c) && c is not (>= '0' and <= '9') and not '+' and not '-' and not '.')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAsciiLetter(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');

    private static bool HasDotSegment(string path)
    {
        foreach (var segment in path.Split('/'))
        {
            var decoded = segment.Replace("%2e", ".", StringComparison.Ordinal).Replace("%2E", ".", StringComparison.Ordinal);
            if (decoded is "." or "..")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The path as a message can show it: control characters as <c>\uXXXX</c>.</summary>
    private static string Printable(string path)
    {
        var text = new System.Text.StringBuilder(path.Length);
        foreach (var c in path)
        {
            if (char.IsControl(c))
            {
                text.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
