using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using MythicDot.Internal;

namespace MythicDot.Admin;

/// <summary>The list calls of the admin API: cursor pages fetched through the transport, and the query strings of the filters.</summary>
internal static class AdminPaging
{
    public static AsyncPageable<T> List<T>(ApiTransport transport, ListCall<T> call, RequestOptions? options, CancellationToken cancellationToken)
        where T : class =>
        new CursorPageable<T>(
            async (pathWithQuery, enumerationToken) =>
            {
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, enumerationToken);
                return await transport.SendAsync(new ApiRequest(new ApiOperation(call.Operation), HttpMethod.Get, pathWithQuery), new ResponseReader<Page<T>>(call.TypeInfo), options, linked.Token).ConfigureAwait(false);
            },
            call.Path,
            call.Query,
            call.IdOf,
            defaultPageSize: null);

    public static string Seconds(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public static string AuditQuery(AuditLogQuery? query)
    {
        if (query is null)
        {
            return string.Empty;
        }

        var parts = new List<string>();
        if (query.StartTime is { } start)
        {
            parts.Add("start_time=" + Seconds(start));
        }

        if (query.EndTime is { } end)
        {
            parts.Add("end_time=" + Seconds(end));
        }

        foreach (var type in query.EventTypes)
        {
            parts.Add("event_types=" + Uri.EscapeDataString(type.Value));
        }

        return string.Join("&", parts);
    }

    /// <summary>One list endpoint: the operation name, the path, the filters and how to read a page.</summary>
    internal sealed record ListCall<T>(string Operation, string Path, string Query, Func<T, string?> IdOf, Func<JsonTypeInfo<Page<T>>> TypeInfo);
}
