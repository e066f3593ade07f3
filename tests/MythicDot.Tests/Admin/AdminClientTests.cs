using System.Net;
using MythicDot.Tests.Infrastructure;
using MythicDot.Tests.Observability;

namespace MythicDot.Tests.Admin;

/// <summary>The admin client over the fake transport: the bytes sent, the typed results with unknown fields kept, pagination,
/// the separation of admin and project keys, and the checks that throw before anything is sent.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class AdminClientTests : IDisposable
{
    private const string AdminKey = "mythic-admin-TESTKEY-0123456789";
    private readonly ApiHarness _api = new();

    public void Dispose() => _api.Dispose();

    private MythicDotAdminClient Admin(Action<MythicDotClientOptions>? configure = null) =>
        new(_api.HttpClient, _api.Options(o =>
        {
            o.ApiKey = AdminKey;
            configure?.Invoke(o);
        }));

    [Fact]
    public void AdminClient_ProjectKey_RefusedNamingTheProblem()
    {
        var error = Assert.Throws<ArgumentException>(() => new MythicDotAdminClient(_api.HttpClient, _api.Options()));

        Assert.Contains("not an admin key", error.Message, StringComparison.Ordinal);
        Assert.Contains("mythic-admin-", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiHarness.ApiKey, error.Message, StringComparison.Ordinal);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public void MainClient_AdminKey_RefusedNamingTheAdminClient()
    {
        var error = Assert.Throws<ArgumentException>(() => _api.Client(o => o.ApiKey = AdminKey));

        Assert.Contains("admin key", error.Message, StringComparison.Ordinal);
        Assert.Contains("MythicDotAdminClient", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AdminKey, error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new MythicDotClient(AdminKey));
    }

    [Fact]
    public void AdminClient_NoKey_NamesTheAdminVariable_AndIgnoresTheApiKeyVariable()
    {
        var api = Environment.GetEnvironmentVariable("MYTHICDOT_API_KEY");
        var admin = Environment.GetEnvironmentVariable("MYTHICDOT_ADMIN_KEY");
        try
        {
            Environment.SetEnvironmentVariable("MYTHICDOT_API_KEY", "mythic-admin-in-the-wrong-variable");
            Environment.SetEnvironmentVariable("MYTHICDOT_ADMIN_KEY", null);

            var error = Assert.Throws<ArgumentException>(() => new MythicDotAdminClient(_api.HttpClient, _api.Options(o => o.ApiKey = null)));

            Assert.Contains("MYTHICDOT_ADMIN_KEY", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("MYTHICDOT_API_KEY", api);
            Environment.SetEnvironmentVariable("MYTHICDOT_ADMIN_KEY", admin);
        }
    }

    [Fact]
    public async Task AdminClient_KeyFromAdminVariable_SentAsBearer()
    {
        var admin = Environment.GetEnvironmentVariable("MYTHICDOT_ADMIN_KEY");
        try
        {
            Environment.SetEnvironmentVariable("MYTHICDOT_ADMIN_KEY", "mythic-admin-from-environment");
            _api.Enqueue(HttpStatusCode.OK, """{"object":"list","data":[],"has_more":false}""");
            var client = new MythicDotAdminClient(_api.HttpClient, _api.Options(o => o.ApiKey = null));

            await _api.RunAsync(client.Members.ListAsync().AsPagesAsync().FirstAsync().AsTask());

            Assert.Equal("Bearer mythic-admin-from-environment", Assert.Single(_api.Requests).Header("Authorization"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("MYTHICDOT_ADMIN_KEY", admin);
        }
    }

    [Fact]
    public async Task MembersList_FollowsCursors_AndKeepsUnknownFields()
    {
        _api.Enqueue(HttpStatusCode.OK, """
            {"object":"list","data":[{"object":"organization.user","id":"user_1","name":"Ada","email":"ada@example.com","role":"owner","added_at":1704067200,"mfa":true}],
             "first_id":"user_1","last_id":"user_1","has_more":true}
            """);
        _api.Enqueue(HttpStatusCode.OK, """
            {"object":"list","data":[{"id":"user_2","email":"bob@example.com","role":"billing"}],"first_id":"user_2","last_id":"user_2","has_more":false}
            """);

        var members = await _api.RunAsync(Admin().Members.ListAsync().ToListAsync().AsTask());

        Assert.Equal(["user_1", "user_2"], members.Select(m => m.Id));
        Assert.Equal(OrganizationRole.Owner, members[0].Role);
        Assert.Equal(new OrganizationRole("billing"), members[1].Role);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1704067200), members[0].AddedAt);
        Assert.True(members[0].AdditionalProperties!["mfa"].GetBoolean());
        Assert.Equal(ApiHarness.BaseUrl + "organization/members", _api.Requests[0].Uri.AbsoluteUri);
        Assert.Equal(ApiHarness.BaseUrl + "organization/members?after=user_1", _api.Requests[1].Uri.AbsoluteUri);
        Assert.All(_api.Requests, r => Assert.Equal("Bearer " + AdminKey, r.Header("Authorization")));
    }

    [Fact]
    public async Task MemberUpdate_SendsPatchWithRole()
    {
        _api.Enqueue(HttpStatusCode.OK, """{"object":"organization.user","id":"user 1","role":"owner"}""");

        var member = await _api.RunAsync(Admin().Members.UpdateAsync("user 1", new OrganizationMemberUpdate(OrganizationRole.Owner)));

        var sent = Assert.Single(_api.Requests);
        Assert.Equal(HttpMethod.Patch, sent.Method);
        Assert.Equal(ApiHarness.BaseUrl + "organization/members/user%201", sent.Uri.AbsoluteUri);
        Assert.Equal("""{"role":"owner"}""", sent.BodyText);
        Assert.Equal(OrganizationRole.Owner, member.Role);
        Assert.NotNull(member.Response);
    }

    [Fact]
    public async Task InviteCreate_SendsEmailAndRole_AndValidatesFirst()
    {
        _api.Enqueue(HttpStatusCode.OK, """{"object":"organization.invite","id":"invite_1","email":"x@example.com","role":"reader","status":"pending","invited_at":1,"expires_at":2}""");
        var admin = Admin();

        var invite = await _api.RunAsync(admin.Invites.CreateAsync(new OrganizationInviteRequest("x@example.com", OrganizationRole.Reader)));

        Assert.Equal("""{"email":"x@example.com","role":"reader"}""", Assert.Single(_api.Requests).BodyText);
        Assert.Equal("invite_1", invite.Id);
        Assert.Equal("pending", invite.Status);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => admin.Invites.CreateAsync(new OrganizationInviteRequest("not-an-email", OrganizationRole.Reader)));
        Assert.Contains("Email", error.Message, StringComparison.Ordinal);
        Assert.Single(_api.Requests);
    }

    [Fact]
    public async Task ApiKeyCreate_SendsNameAndScopes_SecretReadButNotInToStringNorLogs()
    {
        const string Secret = "mythic-admin-SECRET-abcdef0123456789";
        _api.Enqueue(HttpStatusCode.OK, $$$"""
            {"object":"organization.admin_api_key","id":"key_1","name":"ci","redacted_value":"mythic-admin-SEC...6789","value":"{{{Secret}}}",
             "scopes":["usage.read","future.scope"],"created_at":1704067200,"owner":{"type":"user"}}
            """);
        using var logs = new CapturingLoggerProvider();

        var key = await _api.RunAsync(Admin(o => o.LoggerFactory = logs).ApiKeys.CreateAsync(new AdminApiKeyRequest("ci", [AdminScope.UsageRead, new AdminScope("future.scope")])));

        Assert.Equal("""{"name":"ci","scopes":["usage.read","future.scope"]}""", Assert.Single(_api.Requests).BodyText);
        Assert.Equal(Secret, key.Value);
        Assert.Equal([AdminScope.UsageRead, new AdminScope("future.scope")], key.Scopes);
        Assert.DoesNotContain(Secret, key.ToString(), StringComparison.Ordinal);
        Assert.Contains("key_1", key.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(logs.Entries);
        Assert.All(logs.Entries, e => Assert.DoesNotContain("SECRET", e.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApiKeyCreate_WithBodyLogging_SecretRedactedInTheLoggedBody()
    {
        _api.Enqueue(HttpStatusCode.OK, """{"id":"key_2","name":"ci","redacted_value":"mythic-admin-abc...wxyz","value":"mythic-admin-SECRET-0011223344556677","scopes":[]}""");
        using var logs = new CapturingLoggerProvider();

        var key = await _api.RunAsync(Admin(o => { o.LoggerFactory = logs; o.LogBodies = true; }).ApiKeys.CreateAsync(new AdminApiKeyRequest("ci", [])));

        Assert.Equal("mythic-admin-SECRET-0011223344556677", key.Value);
        var body = Assert.Single(logs.Entries, e => e.Message.Contains("key_2", StringComparison.Ordinal));
        Assert.Contains("mythic-admin-***", body.Message, StringComparison.Ordinal);
        Assert.All(logs.Entries, e => Assert.DoesNotContain("SECRET", e.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task ApiKeyDelete_SendsDelete()
    {
        _api.Enqueue(HttpStatusCode.OK, """{"object":"organization.admin_api_key.deleted","id":"key_1","deleted":true}""");

        var deletion = await _api.RunAsync(Admin().ApiKeys.DeleteAsync("key_1"));

        var sent = Assert.Single(_api.Requests);
        Assert.Equal(HttpMethod.Delete, sent.Method);
        Assert.Equal(ApiHarness.BaseUrl + "organization/api-keys/key_1", sent.Uri.AbsoluteUri);
        Assert.True(deletion.Deleted);
    }

    [Fact]
    public async Task Usage_SendsTheQuery_AndReadsBuckets()
    {
        _api.Enqueue(HttpStatusCode.OK, """
            {"object":"page","data":[{"object":"bucket","start_time":1704067200,"end_time":1704153600,
              "results":[{"object":"organization.usage.result","input_tokens":10,"output_tokens":5,"num_model_requests":2,"model":"mythic-4","input_cached_tokens":3}]}],
             "has_more":false,"next_page":null}
            """);
        var query = new UsageQuery(DateTimeOffset.FromUnixTimeSeconds(1704067200)) { EndTime = DateTimeOffset.FromUnixTimeSeconds(1704153600), BucketWidth = "1d", Limit = 3 };
        query.GroupBy.Add("model");

        var usage = await _api.RunAsync(Admin().GetUsageAsync(query));

        Assert.Equal(ApiHarness.BaseUrl + "organization/usage?start_time=1704067200&end_time=1704153600&bucket_width=1d&group_by=model&limit=3", Assert.Single(_api.Requests).Uri.AbsoluteUri);
        var result = Assert.Single(Assert.Single(usage.Data).Results);
        Assert.Equal(10, result.InputTokens);
        Assert.Equal("mythic-4", result.Model);
        Assert.Equal(3, result.AdditionalProperties!["input_cached_tokens"].GetInt32());
    }

    [Fact]
    public async Task AuditLogs_SendFilters_AndReadEntries()
    {
        _api.Enqueue(HttpStatusCode.OK, """
            {"object":"list","data":[{"id":"audit_1","timestamp":1704067200,"event_type":"api_key.created","actor":{"type":"api_key","email":"ada@example.com","ip":"127.0.0.1"},"details":{"id":"key_1"}},
              {"id":"audit_2","timestamp":1704067100,"event_type":"project.archived","actor":{"email":"ada@example.com"},"details":null}],
             "has_more":false}
            """);
        var query = new AuditLogQuery { StartTime = DateTimeOffset.FromUnixTimeSeconds(100), EndTime = DateTimeOffset.FromUnixTimeSeconds(200) };
        query.EventTypes.Add(AuditEventType.ApiKeyCreated);
        query.EventTypes.Add(new AuditEventType("project.archived"));

        var entries = await _api.RunAsync(Admin().AuditLogs.ListAsync(query).AsPagesAsync(pageSize: 5).SelectMany(p => p.Data.ToAsyncEnumerable()).ToListAsync().AsTask());

        Assert.Equal(ApiHarness.BaseUrl + "organization/audit-logs?start_time=100&end_time=200&event_types=api_key.created&event_types=project.archived&limit=5", Assert.Single(_api.Requests).Uri.AbsoluteUri);
        Assert.Equal(AuditEventType.ApiKeyCreated, entries[0].EventType);
        Assert.Equal("ada@example.com", entries[0].Actor!.Email);
        Assert.Equal("127.0.0.1", entries[0].Actor!.AdditionalProperties!["ip"].GetString());
        Assert.Equal("key_1", entries[0].Details!.Value.GetProperty("id").GetString());
        Assert.Equal("project.archived", entries[1].EventType.Value);
    }

    [Fact]
    public async Task AuditExport_AsksForCsv_AndStreamsTheBody()
    {
        _api.EnqueueBytes(HttpStatusCode.OK, "id,timestamp\naudit_1,1\n"u8.ToArray(), "text/csv");

        await using var content = await _api.RunAsync(Admin().AuditLogs.ExportAsync());
        using var reader = new StreamReader(content.Stream);

        Assert.Equal("id,timestamp\naudit_1,1\n", await reader.ReadToEndAsync(TestContext.Current.CancellationToken));
        Assert.Equal(ApiHarness.BaseUrl + "organization/audit-logs/export?format=csv", Assert.Single(_api.Requests).Uri.AbsoluteUri);
    }

    [Fact]
    public async Task DeleteData_ConfirmFalse_ThrowsBeforeSending()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Admin().DeleteDataAsync(DataDeletionScope.All, confirm: false));

        Assert.Equal("confirm", error.ParamName);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task DeleteData_Confirmed_SendsScopeAndConfirm_ThenStatusReadsProgress()
    {
        _api.Enqueue(HttpStatusCode.OK, """{"object":"organization.data_deletion","id":"del_1","scope":"api_logs","status":"pending","progress":0,"created_at":100,"estimated_completion":700}""");
        _api.Enqueue(HttpStatusCode.OK, """{"id":"del_1","status":"in_progress","progress":0.5,"estimated_completion":700}""");
        var admin = Admin();

        var deletion = await _api.RunAsync(admin.DeleteDataAsync(DataDeletionScope.ApiLogs, confirm: true));
        var status = await _api.RunAsync(admin.GetDataDeletionStatusAsync(deletion.Id));

        Assert.Equal("""{"scope":"api_logs","confirm":true}""", _api.Requests[0].BodyText);
        Assert.Equal(ApiHarness.BaseUrl + "organization/data/deletions", _api.Requests[0].Uri.AbsoluteUri);
        Assert.Equal(DataDeletionStatus.Pending, deletion.Status);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(700), deletion.EstimatedCompletion);
        Assert.Equal(ApiHarness.BaseUrl + "organization/data/deletions/del_1", _api.Requests[1].Uri.AbsoluteUri);
        Assert.Equal(DataDeletionStatus.InProgress, status.Status);
        Assert.Equal(0.5, status.Progress);
    }

    [Fact]
    public async Task Forbidden_MapsToPermissionDeniedError()
    {
        _api.Enqueue(HttpStatusCode.Forbidden, Bodies.Nested("permission_error", "The admin key lacks the scope 'usage.read' this endpoint needs.", type: "permission_error"));

        var error = await _api.FailsAsync<PermissionDeniedError>(Admin().GetUsageAsync(new UsageQuery(DateTimeOffset.FromUnixTimeSeconds(0))));

        Assert.Contains("usage.read", error.Message, StringComparison.Ordinal);
    }
}
