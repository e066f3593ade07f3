using System.Net;
using MythicDot.IntegrationTests.Infrastructure;
using MythicDot.Testing;
using MythicDot.Tests.Infrastructure;

namespace MythicDot.IntegrationTests;

/// <summary>The Admin API against the emulator: each endpoint, the audit log recording the actions (filtered by type and time, exported
/// as CSV), data deletion progressing on a shared fake clock, and the separation of keys (a project key and a missing scope draw
/// <see cref="PermissionDeniedError"/>).</summary>
public sealed class AdminTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MythicDotAdminClient Admin(MythicDotEmulator emulator, FakeTimeProvider clock) =>
        emulator.CreateAdminClient(o =>
        {
            o.TimeProvider = clock;
            o.Timeout = Timeout.InfiniteTimeSpan;
        });

    [Fact]
    public async Task Members_ListedAcrossPages_ThenRoleUpdated()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { TimeProvider = clock }, Ct);
        var admin = Admin(emulator, clock);

        var pages = await admin.Members.ListAsync(Ct).AsPagesAsync(pageSize: 2, cancellationToken: Ct).ToListAsync(Ct);
        var updated = await admin.Members.UpdateAsync("user_emulator_grace", new OrganizationMemberUpdate(OrganizationRole.Owner), Ct);
        var after = await admin.Members.ListAsync(Ct).ToListAsync(Ct);

        Assert.Equal(2, pages.Count);
        Assert.Equal(["user_emulator_ada", "user_emulator_grace", "user_emulator_alan"], pages.SelectMany(p => p.Data).Select(m => m.Id));
        Assert.Equal("/v1/organization/members", emulator.Requests[1].Path);
        Assert.Equal("?after=user_emulator_grace&limit=2", emulator.Requests[1].Query);
        Assert.Equal(OrganizationRole.Owner, updated.Role);
        Assert.Equal(OrganizationRole.Owner, after.Single(m => m.Id == "user_emulator_grace").Role);
        Assert.Equal("Bearer " + MythicDotEmulatorOptions.DefaultAdminKey, emulator.Requests[0].Headers["Authorization"]);
    }

    [Fact]
    public async Task Invite_ApiKeys_CreatedListedDeleted_AndEachActionAudited()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { TimeProvider = clock }, Ct);
        var admin = Admin(emulator, clock);
        var start = clock.GetUtcNow();

        var invite = await admin.Invites.CreateAsync(new OrganizationInviteRequest("new@example.com", OrganizationRole.Reader), Ct);
        clock.Advance(TimeSpan.FromHours(1));
        var created = await admin.ApiKeys.CreateAsync(new AdminApiKeyRequest("ci", [AdminScope.UsageRead]), Ct);
        var listed = await admin.ApiKeys.ListAsync(Ct).ToListAsync(Ct);
        var deleted = await admin.ApiKeys.DeleteAsync(created.Id, Ct);

        Assert.Equal("new@example.com", invite.Email);
        Assert.Equal("pending", invite.Status);
        Assert.StartsWith("mythic-admin-", created.Value, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Value!, created.ToString(), StringComparison.Ordinal);
        Assert.Equal([AdminScope.UsageRead], created.Scopes);
        var listedKey = listed.Single(k => k.Id == created.Id);
        Assert.Null(listedKey.Value); // the secret is sent once
        Assert.True(deleted.Deleted);

        var all = await admin.AuditLogs.ListAsync(null, Ct).ToListAsync(Ct);
        Assert.Equal([AuditEventType.ApiKeyDeleted, AuditEventType.ApiKeyCreated, AuditEventType.InviteCreated], all.Select(e => e.EventType));
        Assert.All(all, e => Assert.Equal("ada@example.com", e.Actor!.Email));
        Assert.Equal(start.ToUnixTimeSeconds(), all[2].Timestamp.ToUnixTimeSeconds());
        Assert.Equal("new@example.com", all[2].Details!.Value.GetProperty("email").GetString());

        var byType = new AuditLogQuery();
        byType.EventTypes.Add(AuditEventType.ApiKeyCreated);
        var keysOnly = await admin.AuditLogs.ListAsync(byType, Ct).ToListAsync(Ct);
        Assert.Equal(created.Id, Assert.Single(keysOnly).Details!.Value.GetProperty("id").GetString());

        var early = await admin.AuditLogs.ListAsync(new AuditLogQuery { EndTime = start.AddMinutes(30) }, Ct).ToListAsync(Ct);
        Assert.Equal(AuditEventType.InviteCreated, Assert.Single(early).EventType);
        var late = await admin.AuditLogs.ListAsync(new AuditLogQuery { StartTime = start.AddMinutes(30) }, Ct).AsPagesAsync(pageSize: 1, cancellationToken: Ct).ToListAsync(Ct);
        Assert.Equal(2, late.Count);
    }

    [Fact]
    public async Task AuditExport_StreamedToAFile_AsCsv()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { TimeProvider = clock }, Ct);
        var admin = Admin(emulator, clock);
        await admin.Invites.CreateAsync(new OrganizationInviteRequest("a@example.com", OrganizationRole.Reader), Ct);
        await admin.Members.UpdateAsync("user_emulator_alan", new OrganizationMemberUpdate(OrganizationRole.Owner), Ct);
        var path = Path.Combine(Path.GetTempPath(), "mythicdot-audit-" + Guid.NewGuid().ToString("N") + ".csv");
        try
        {
            await using (var content = await admin.AuditLogs.ExportAsync(null, Ct))
            await using (var file = File.Create(path))
            {
                await content.Stream.CopyToAsync(file, Ct);
            }

            var lines = await File.ReadAllLinesAsync(path, Ct);
            Assert.Equal("id,timestamp,event_type,actor_email,details", lines[0]);
            Assert.Equal(3, lines.Length);
            Assert.Contains(",member.updated,ada@example.com,", lines[1], StringComparison.Ordinal);
            Assert.Contains(",invite.created,", lines[2], StringComparison.Ordinal);
            Assert.Equal("?format=csv", emulator.Requests[^1].Query);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Usage_DeterministicBuckets_GroupedByModel()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { TimeProvider = clock }, Ct);
        var admin = Admin(emulator, clock);
        var query = new UsageQuery(DateTimeOffset.FromUnixTimeSeconds(1704067200)) { EndTime = DateTimeOffset.FromUnixTimeSeconds(1704067200 + (3 * 86400)) };
        query.GroupBy.Add("model");

        var usage = await admin.GetUsageAsync(query, Ct);

        Assert.Equal(3, usage.Data.Count);
        Assert.False(usage.HasMore);
        Assert.Equal(["mythic-4", "mythic-4-mini"], usage.Data[1].Results.Select(r => r.Model));
        Assert.Equal(1100, usage.Data[1].Results[0].InputTokens);
        Assert.Equal(0, usage.Data[0].Results[0].AdditionalProperties!["input_cached_tokens"].GetInt32());
    }

    [Fact]
    public async Task DataDeletion_ProgressAdvancesOnTheSharedClock_AndIsAudited()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { TimeProvider = clock }, Ct);
        var admin = Admin(emulator, clock);

        var deletion = await admin.DeleteDataAsync(DataDeletionScope.Messages, confirm: true, Ct);
        clock.Advance(TimeSpan.FromMinutes(5));
        var half = await admin.GetDataDeletionStatusAsync(deletion.Id, Ct);
        clock.Advance(TimeSpan.FromMinutes(5));
        var done = await admin.GetDataDeletionStatusAsync(deletion.Id, Ct);

        Assert.Equal(DataDeletionStatus.Pending, deletion.Status);
        Assert.Equal(DataDeletionScope.Messages, deletion.Scope);
        Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds(), deletion.EstimatedCompletion.ToUnixTimeSeconds());
        Assert.Equal(DataDeletionStatus.InProgress, half.Status);
        Assert.Equal(0.5, half.Progress);
        Assert.Equal(DataDeletionStatus.Completed, done.Status);
        Assert.Equal(1, done.Progress);
        var entry = Assert.Single(await admin.AuditLogs.ListAsync(null, Ct).ToListAsync(Ct));
        Assert.Equal(AuditEventType.DataDeletionRequested, entry.EventType);
        await Assert.ThrowsAsync<NotFoundError>(() => admin.GetDataDeletionStatusAsync("deletion_nope", Ct));
    }

    [Fact]
    public async Task ProjectKey_OnAnOrganizationRoute_PermissionDeniedError()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var client = emulator.CreateClient(o => o.MaxRetries = 0);

        var error = await Assert.ThrowsAsync<PermissionDeniedError>(() => client.SendRequestAsync(HttpMethod.Get, "organization/members", Ct));

        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Contains("admin key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownAdminKey_AuthenticationError()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        var admin = emulator.CreateAdminClient(o => o.ApiKey = "mythic-admin-unknown");

        await Assert.ThrowsAsync<AuthenticationError>(() => admin.Members.ListAsync(Ct).ToListAsync(Ct).AsTask());
    }

    [Fact]
    public async Task MissingScope_PermissionDeniedErrorNamingIt()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { TimeProvider = clock, AdminKeyScopes = ["members.read", "api_keys.write"] }, Ct);
        var admin = Admin(emulator, clock);
        var limited = await admin.ApiKeys.CreateAsync(new AdminApiKeyRequest("usage-only", [AdminScope.UsageRead]), Ct);
        var usageOnly = emulator.CreateAdminClient(o => o.ApiKey = limited.Value);

        var noAudit = await Assert.ThrowsAsync<PermissionDeniedError>(() => admin.AuditLogs.ListAsync(null, Ct).ToListAsync(Ct).AsTask());
        var noMembers = await Assert.ThrowsAsync<PermissionDeniedError>(() => usageOnly.Members.ListAsync(Ct).ToListAsync(Ct).AsTask());
        var usage = await usageOnly.GetUsageAsync(new UsageQuery(clock.GetUtcNow().AddDays(-1)), Ct);

        Assert.Contains("audit_logs.read", noAudit.Message, StringComparison.Ordinal);
        Assert.Contains("members.read", noMembers.Message, StringComparison.Ordinal);
        Assert.Single(usage.Data);
    }

    [Fact]
    public async Task ServerFault_OnAnAdminRoute_RetriedThenAnswered()
    {
        var clock = new FakeTimeProvider();
        await using var emulator = await MythicDotEmulator.StartAsync(new MythicDotEmulatorOptions { TimeProvider = clock }, Ct);
        emulator.EnqueueFault(EmulatorFault.Status(503), path: "organization/usage");
        var admin = Admin(emulator, clock);

        var usage = await clock.RunUntilCompletedAsync(admin.GetUsageAsync(new UsageQuery(clock.GetUtcNow().AddDays(-2)), Ct));

        Assert.Equal(2, usage.Data.Count);
        Assert.Equal(2, usage.Response!.Attempts);
        Assert.Equal(2, emulator.Requests.Count);
    }

    [Fact]
    public async Task AdminKey_OnANonAdminRoute_Refused()
    {
        await using var emulator = await MythicDotEmulator.StartAsync(Ct);
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.BaseUrl, "models"));
        request.Headers.Authorization = new("Bearer", emulator.AdminKey);

        using var response = await http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
