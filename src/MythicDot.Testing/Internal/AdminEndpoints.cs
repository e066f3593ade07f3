using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MythicDot.Testing.Internal;

/// <summary>The Admin API (<c>/organization/...</c>), in OpenAI's public shapes: members, invites, admin keys, usage, the audit log
/// (with its CSV export) and data deletion. Only admin keys are accepted (the configured one and those created here), each call
/// checks its scope, and every change is recorded in the audit log with the emulator's clock.</summary>
internal static class AdminEndpoints
{
    private const string BearerPrefix = "Bearer ";
    private const int DefaultLimit = 20;
    private const int MaxLimit = 100;
    private static readonly string[] DeletionScopes = ["all", "api_logs", "messages"];
    private static readonly string[] Roles = ["owner", "reader"];

    public static void Map(Microsoft.AspNetCore.Routing.IEndpointRouteBuilder v1, Func<Func<EmulatorRequestContext, Task>, RequestDelegate> handle)
    {
        v1.MapGet("organization/members", handle(ListMembersAsync));
        v1.MapPatch("organization/members/{id}", handle(UpdateMemberAsync));
        v1.MapPost("organization/invites", handle(CreateInviteAsync));
        v1.MapGet("organization/api-keys", handle(ListKeysAsync));
        v1.MapPost("organization/api-keys", handle(CreateKeyAsync));
        v1.MapDelete("organization/api-keys/{id}", handle(DeleteKeyAsync));
        v1.MapGet("organization/usage", handle(UsageAsync));
        v1.MapGet("organization/audit-logs", handle(ListAuditAsync));
        v1.MapGet("organization/audit-logs/export", handle(ExportAuditAsync));
        v1.MapPost("organization/data/deletions", handle(RequestDeletionAsync));
        v1.MapGet("organization/data/deletions/{id}", handle(DeletionStatusAsync));
    }

    public static bool IsAdminRoute(PathString path) =>
        path.StartsWithSegments(EmulatorDefaults.ApiBasePath + "/organization", StringComparison.OrdinalIgnoreCase);

    /// <summary>Accepts an admin key (recording it on the context), or says why not: 401 for no key or an unknown one,
    /// 403 <c>permission_error</c> for the emulator's project key.</summary>
    public static EmulatorError? Authenticate(EmulatorRequestContext context)
    {
        var authorization = context.Http.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return new EmulatorError(StatusCodes.Status401Unauthorized, ErrorCodes.InvalidApiKey, "No admin key was sent. Send it in the header 'Authorization: Bearer <key>'.", null, null);
        }

        var key = authorization[BearerPrefix.Length..];
        if (context.State.Admin.KeyBySecret(key) is { } admin)
        {
            context.AdminKey = admin;
            return null;
        }

        return string.Equals(key, context.State.ApiKey, StringComparison.Ordinal)
            ? new EmulatorError(StatusCodes.Status403Forbidden, ErrorCodes.PermissionError, "The Admin API needs an admin key ('mythic-admin-...'); a project key may not call /organization endpoints.", null, null)
            : new EmulatorError(StatusCodes.Status401Unauthorized, ErrorCodes.InvalidApiKey, "Incorrect admin key provided. Check the key, or create a new one.", null, null);
    }

    private static bool Lacks(EmulatorRequestContext context, string scope, out Task answer)
    {
        if (context.AdminKey!.Scopes.Contains(scope, StringComparer.Ordinal))
        {
            answer = Task.CompletedTask;
            return false;
        }

        answer = context.WriteErrorAsync(StatusCodes.Status403Forbidden, ErrorCodes.PermissionError, $"The admin key lacks the scope '{scope}' this endpoint needs.");
        return true;
    }

    private static Task ListMembersAsync(EmulatorRequestContext context)
    {
        if (Lacks(context, "members.read", out var denied))
        {
            return denied;
        }

        return WritePageAsync(context, context.State.Admin.Members(), static m => m.Id, WriteMember);
    }

    private static Task UpdateMemberAsync(EmulatorRequestContext context)
    {
        if (Lacks(context, "members.write", out var denied))
        {
            return denied;
        }

        using var document = JsonRequest.Parse(context, out var invalid);
        if (document is null)
        {
            return context.WriteErrorAsync(invalid!);
        }

        if (RoleOf(document.RootElement, out var role) is { } error)
        {
            return context.WriteErrorAsync(error);
        }

        var id = context.RouteValue("id")!;
        var member = context.State.Admin.UpdateMember(id, role, context.AdminKey!);
        return member is null
            ? context.WriteErrorAsync(StatusCodes.Status404NotFound, ErrorCodes.ResourceNotFound, $"No member '{id}'.")
            : EmulatorResponses.WriteJsonAsync(context.Http, StatusCodes.Status200OK, w => WriteMember(w, member));
    }

    private static Task CreateInviteAsync(EmulatorRequestContext context)
    {
        if (Lacks(context, "members.write", out var denied))
        {
            return denied;
        }

        using var document = JsonRequest.Parse(context, out var invalid);
        if (document is null)
        {
            return context.WriteErrorAsync(invalid!);
        }

        var root = document.RootElement;
        if (EmulatorError.RequiredString(root, "email", "ada@example.com", out var email) is { } missing)
        {
            return context.WriteErrorAsync(missing);
        }

        if (RoleOf(root, out var role) is { } error)
        {
            return context.WriteErrorAsync(error);
        }

        var invite = context.State.Admin.CreateInvite(email, role, context.AdminKey!);
        return EmulatorResponses.WriteJsonAsync(context.Http, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            w.WriteString("object", "organization.invite");
            w.WriteString("id", invite.Id);
            w.WriteString("email", invite.Email);
            w.WriteString("role", invite.Role);
            w.WriteString("status", "pending");
            w.WriteNumber("invited_at", invite.InvitedAt);
            w.WriteNumber("expires_at", invite.InvitedAt + (7 * 24 * 3600));
            w.WriteEndObject();
        });
    }

    private static Task ListKeysAsync(EmulatorRequestContext context)
    {
        if (Lacks(context, "api_keys.read", out var denied))
        {
            return denied;
        }

        return WritePageAsync(context, context.State.Admin.Keys(), static k => k.Id, static (w, k) => WriteKey(w, k, secret: false));
    }

    private static Task CreateKeyAsync(EmulatorRequestContext context)
    {
        if (Lacks(context, "api_keys.write", out var denied))
        {
            return denied;
        }

        using var document = JsonRequest.Parse(context, out var invalid);
        if (document is null)
        {
            return context.WriteErrorAsync(invalid!);
        }

        var root = document.RootElement;
        if (EmulatorError.RequiredString(root, "name", "ci-key", out var name) is { } missing)
        {
            return context.WriteErrorAsync(missing);
        }

        var scopes = AdminState.AllScopes;
        if (root.TryGetProperty("scopes", out var scopesElement) && scopesElement.ValueKind != JsonValueKind.Null)
        {
            if (scopesElement.ValueKind != JsonValueKind.Array
                || scopesElement.EnumerateArray().Any(s => s.ValueKind != JsonValueKind.String || !AdminState.AllScopes.Contains(s.GetString(), StringComparer.Ordinal)))
            {
                return context.WriteErrorAsync(EmulatorError.Invalid(ErrorCodes.ParameterInvalid, "'scopes' must be an array of: " + string.Join(", ", AdminState.AllScopes) + ".", "scopes"));
            }

            scopes = scopesElement.EnumerateArray().Select(s => s.GetString()!).Distinct(StringComparer.Ordinal).ToArray();
        }

        var key = context.State.Admin.CreateKey(name, scopes, context.AdminKey!);
        return EmulatorResponses.WriteJsonAsync(context.Http, StatusCodes.Status200OK, w => WriteKey(w, key, secret: true));
    }

    private static Task DeleteKeyAsync(EmulatorRequestContext context)
    {
        if (Lacks(context, "api_keys.write", out var denied))
        {
            return denied;
        }

        var id = context.RouteValue("id")!;
        if (!context.State.Admin.DeleteKey(id, context.AdminKey!))
        {
            return context.WriteErrorAsync(StatusCodes.Status404NotFound, ErrorCodes.ResourceNotFound, $"No admin API key '{id}'.");
        }

        return EmulatorResponses.WriteJsonAsync(context.Http, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            w.WriteString("object", "organization.admin_api_key.deleted");
            w.WriteString("id", id);
            w.WriteBoolean("deleted", true);
            w.WriteEndObject();
        });
    }

    /// <summary>Deterministic buckets: bucket <c>i</c> (from 0) has <c>1000 + 100 i</c> input tokens, <c>500 + 50 i</c> output tokens and
    /// <c>10 + i</c> requests; grouped by model, it splits into <c>mythic-4</c> (the first) and <c>mythic-4-mini</c> (the rest, halved).</summary>
    private static Task UsageAsync(EmulatorRequestContext context)
    {
        if (Lacks(context, "usage.read", out var denied))
        {
            return denied;
        }

        var query = context.Http.Request.Query;
        if (!long.TryParse(query["start_time"].ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var start))
        {
            return context.WriteErrorAsync(EmulatorError.Missing("start_time"));
        }

        var end = long.TryParse(query["end_time"].ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var e) ? e : context.State.Admin.Now;
        var widthText = query["bucket_width"].ToString();
        long width = widthText switch { "" or "1d" => 86400, "1h" => 3600, "1m" => 60, _ => -1 };
        if (width < 0)
        {
            return context.WriteErrorAsync(EmulatorError.Invalid(ErrorCodes.ParameterInvalid, "'bucket_width' must be 1m, 1h or 1d.", "bucket_width"));
        }

        var limit = int.TryParse(query["limit"].ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? Math.Clamp(l, 1, 31) : 7;
        var byModel = query["group_by"].Contains("model");
        var buckets = new List<long>();
        for (var t = start; t < end && buckets.Count < limit; t += width)
        {
            buckets.Add(t);
        }

        var hasMore = buckets.Count == limit && start + (limit * width) < end;
        return EmulatorResponses.WriteJsonAsync(context.Http, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            w.WriteString("object", "page");
            w.WriteStartArray("data");
            for (var i = 0; i < buckets.Count; i++)
            {
                w.WriteStartObject();
                w.WriteString("object", "bucket");
                w.WriteNumber("start_time", buckets[i]);
                w.WriteNumber("end_time", buckets[i] + width);
                w.WriteStartArray("results");
                if (byModel)
                {
                    WriteUsage(w, 1000 + (100 * i), 500 + (50 * i), 10 + i, "mythic-4");
                    WriteUsage(w, (1000 + (100 * i)) / 2, (500 + (50 * i)) / 2, (10 + i) / 2, "mythic-4-mini");
                }
                else
                {
                    WriteUsage(w, 1000 + (100 * i), 500 + (50 * i), 10 + i, null);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteBoolean("has_more", hasMore);
            if (hasMore)
            {
                w.WriteString("next_page", "page_" + (start + (limit * width)).ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                w.WriteNull("next_page");
            }

            w.WriteEndObject();
        });
    }

    private static Task ListAuditAsync(EmulatorRequestContext context)
    {
        if (Lacks(context, "audit_logs.read", out var denied))
        {
            return denied;
        }

        if (FilteredAudit(context, out var entries) is { } error)
        {
            return context.WriteErrorAsync(error);
        }

        return WritePageAsync(context, entries, static a => a.Id, static (w, a) =>
        {
            w.WriteStartObject();
            w.WriteString("object", "organization.audit_log");
            w.WriteString("id", a.Id);
            w.WriteNumber("timestamp", a.Timestamp);
            w.WriteString("event_type", a.EventType);
            w.WriteStartObject("actor");
            w.WriteString("type", "api_key");
            w.WriteString("id", a.ActorId);
            w.WriteString("email", a.ActorEmail);
            w.WriteEndObject();
            w.WritePropertyName("details");
            w.WriteRawValue(a.DetailsJson);
            w.WriteEndObject();
        });
    }

    /// <summary>The filtered entries as CSV: <c>id,timestamp,event_type,actor_email,details</c>, then one row per entry, newest first.</summary>
    private static async Task ExportAuditAsync(EmulatorRequestContext context)
    {
        if (Lacks(context, "audit_logs.read", out var denied))
        {
            await denied.ConfigureAwait(false);
            return;
        }

        var format = context.Http.Request.Query["format"].ToString();
        if (!string.Equals(format, "csv", StringComparison.Ordinal))
        {
            await context.WriteErrorAsync(EmulatorError.Invalid(ErrorCodes.ParameterInvalid, "'format' must be 'csv'.", "format")).ConfigureAwait(false);
            return;
        }

        if (FilteredAudit(context, out var entries) is { } error)
        {
            await context.WriteErrorAsync(error).ConfigureAwait(false);
            return;
        }

        var csv = new StringBuilder("id,timestamp,event_type,actor_email,details\n");
        foreach (var a in entries)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{a.Id},{a.Timestamp},{a.EventType},{a.ActorEmail},\"{a.DetailsJson.Replace("\"", "\"\"", StringComparison.Ordinal)}\"\n");
        }

        var bytes = Encoding.UTF8.GetBytes(csv.ToString());
        var response = context.Http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = "attachment; filename=\"audit-logs.csv\"";
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, context.Http.RequestAborted).ConfigureAwait(false);
    }

    private static Task RequestDeletionAsync(EmulatorRequestContext context)
    {
        if (Lacks(context, "organization.write", out var denied))
        {
            return denied;
        }

        using var document = JsonRequest.Parse(context, out var invalid);
        if (document is null)
        {
            return context.WriteErrorAsync(invalid!);
        }

        var root = document.RootElement;
        if (EmulatorError.RequiredString(root, "scope", "all", out var scope) is { } missing)
        {
            return context.WriteErrorAsync(missing);
        }

        if (!DeletionScopes.Contains(scope, StringComparer.Ordinal))
        {
            return context.WriteErrorAsync(EmulatorError.Invalid(ErrorCodes.ParameterInvalid, "'scope' must be all, api_logs or messages.", "scope"));
        }

        if (!root.TryGetProperty("confirm", out var confirm) || confirm.ValueKind != JsonValueKind.True)
        {
            return context.WriteErrorAsync(EmulatorError.Invalid(ErrorCodes.ParameterInvalid, "'confirm' must be true: a data deletion cannot be undone.", "confirm"));
        }

        var deletion = context.State.Admin.RequestDeletion(scope, context.AdminKey!);
        return EmulatorResponses.WriteJsonAsync(context.Http, StatusCodes.Status200OK, w => WriteDeletion(w, deletion, context.State.Admin.Now));
    }

    private static Task DeletionStatusAsync(EmulatorRequestContext context)
    {
        if (Lacks(context, "organization.read", out var denied))
        {
            return denied;
        }

        var id = context.RouteValue("id")!;
        return context.State.Admin.DeletionById(id) is { } deletion
            ? EmulatorResponses.WriteJsonAsync(context.Http, StatusCodes.Status200OK, w => WriteDeletion(w, deletion, context.State.Admin.Now))
            : context.WriteErrorAsync(StatusCodes.Status404NotFound, ErrorCodes.ResourceNotFound, $"No data deletion '{id}'.");
    }

    private static EmulatorError? FilteredAudit(EmulatorRequestContext context, out AdminState.AuditEntry[] entries)
    {
        entries = [];
        var query = context.Http.Request.Query;
        long? start = null, end = null;
        if (query["start_time"].ToString() is { Length: > 0 } startText)
        {
            if (!long.TryParse(startText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s))
            {
                return EmulatorError.Invalid(ErrorCodes.ParameterInvalid, "'start_time' must be Unix seconds.", "start_time");
            }

            start = s;
        }

        if (query["end_time"].ToString() is { Length: > 0 } endText)
        {
            if (!long.TryParse(endText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var e))
            {
                return EmulatorError.Invalid(ErrorCodes.ParameterInvalid, "'end_time' must be Unix seconds.", "end_time");
            }

            end = e;
        }

        var types = query["event_types"].Where(t => !string.IsNullOrEmpty(t)).ToHashSet(StringComparer.Ordinal);
        entries = context.State.Admin.Audit()
            .Where(a => (start is null || a.Timestamp >= start) && (end is null || a.Timestamp <= end) && (types.Count == 0 || types.Contains(a.EventType)))
            .ToArray();
        return null;
    }

    private static Task WritePageAsync<T>(EmulatorRequestContext context, IReadOnlyList<T> items, Func<T, string> idOf, Action<Utf8JsonWriter, T> write)
    {
        var query = context.Http.Request.Query;
        var limitText = query["limit"].ToString();
        var limit = DefaultLimit;
        if (limitText.Length > 0 && (!int.TryParse(limitText, NumberStyles.Integer, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            return context.WriteErrorAsync(EmulatorError.Invalid(ErrorCodes.ParameterInvalid, $"'limit' must be from 1 to {MaxLimit}.", "limit"));
        }

        var startIndex = 0;
        if (query["after"].ToString() is { Length: > 0 } after)
        {
            var index = items.ToList().FindIndex(i => idOf(i) == after);
            if (index < 0)
            {
                return context.WriteErrorAsync(EmulatorError.Invalid(ErrorCodes.ParameterInvalid, $"'after' names no item: '{after}'.", "after"));
            }

            startIndex = index + 1;
        }

        var page = items.Skip(startIndex).Take(limit).ToList();
        var hasMore = startIndex + page.Count < items.Count;
        return EmulatorResponses.WriteJsonAsync(context.Http, StatusCodes.Status200OK, w =>
        {
            w.WriteStartObject();
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            foreach (var item in page)
            {
                write(w, item);
            }

            w.WriteEndArray();
            if (page.Count > 0)
            {
                w.WriteString("first_id", idOf(page[0]));
                w.WriteString("last_id", idOf(page[^1]));
            }
            else
            {
                w.WriteNull("first_id");
                w.WriteNull("last_id");
            }

            w.WriteBoolean("has_more", hasMore);
            w.WriteEndObject();
        });
    }

    private static EmulatorError? RoleOf(JsonElement root, out string role)
    {
        if (EmulatorError.RequiredString(root, "role", "reader", out role) is { } missing)
        {
            return missing;
        }

        return Roles.Contains(role, StringComparer.Ordinal)
            ? null
            : EmulatorError.Invalid(ErrorCodes.ParameterInvalid, "'role' must be owner or reader.", "role");
    }

    private static void WriteMember(Utf8JsonWriter w, AdminState.Member m)
    {
        w.WriteStartObject();
        w.WriteString("object", "organization.user");
        w.WriteString("id", m.Id);
        w.WriteString("name", m.Name);
        w.WriteString("email", m.Email);
        w.WriteString("role", m.Role);
        w.WriteNumber("added_at", m.AddedAt);
        w.WriteEndObject();
    }

    private static void WriteKey(Utf8JsonWriter w, AdminState.AdminKey k, bool secret)
    {
        w.WriteStartObject();
        w.WriteString("object", "organization.admin_api_key");
        w.WriteString("id", k.Id);
        w.WriteString("name", k.Name);
        w.WriteString("redacted_value", k.Redacted);
        if (secret)
        {
            w.WriteString("value", k.Secret);
        }

        w.WriteStartArray("scopes");
        foreach (var scope in k.Scopes)
        {
            w.WriteStringValue(scope);
        }

        w.WriteEndArray();
        w.WriteNumber("created_at", k.CreatedAt);
        w.WriteStartObject("owner");
        w.WriteString("type", "user");
        w.WriteString("email", AdminState.OwnerEmail);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteUsage(Utf8JsonWriter w, long input, long output, long requests, string? model)
    {
        w.WriteStartObject();
        w.WriteString("object", "organization.usage.result");
        w.WriteNumber("input_tokens", input);
        w.WriteNumber("output_tokens", output);
        w.WriteNumber("num_model_requests", requests);
        if (model is not null)
        {
            w.WriteString("model", model);
        }
        else
        {
            w.WriteNull("model");
        }

        w.WriteNumber("input_cached_tokens", 0);
        w.WriteEndObject();
    }

    private static void WriteDeletion(Utf8JsonWriter w, AdminState.Deletion d, long now)
    {
        var progress = d.ProgressAt(now);
        w.WriteStartObject();
        w.WriteString("object", "organization.data_deletion");
        w.WriteString("id", d.Id);
        w.WriteString("scope", d.Scope);
        w.WriteString("status", progress >= 1 ? "completed" : progress > 0 ? "in_progress" : "pending");
        w.WriteNumber("progress", Math.Round(progress, 4));
        w.WriteNumber("created_at", d.CreatedAt);
        w.WriteNumber("estimated_completion", d.EstimatedCompletion);
        w.WriteEndObject();
    }
}
