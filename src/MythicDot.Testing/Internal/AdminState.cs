using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace MythicDot.Testing.Internal;

/// <summary>The emulated organization behind the Admin API. Thread-safe (one lock); every time comes from the emulator's clock.</summary>
internal sealed class AdminState
{
    /// <summary>Every scope the Admin API documents.</summary>
    public static readonly string[] AllScopes =
    [
        "organization.read", "organization.write", "members.read", "members.write", "api_keys.read", "api_keys.write", "usage.read", "audit_logs.read",
    ];

    /// <summary>How long a data deletion takes on the emulator's clock.</summary>
    public static readonly TimeSpan DeletionDuration = TimeSpan.FromMinutes(10);

    public const string OwnerEmail = "ada@example.com";

    private readonly object _gate = new();
    private readonly TimeProvider _clock;
    private readonly List<Member> _members =
    [
        new("user_emulator_ada", "Ada Lovelace", OwnerEmail, "owner", 1704067200),
        new("user_emulator_grace", "Grace Hopper", "grace@example.com", "reader", 1704153600),
        new("user_emulator_alan", "Alan Turing", "alan@example.com", "reader", 1704240000),
    ];

    private readonly List<AdminKey> _keys = [];
    private readonly List<AuditEntry> _audit = [];
    private readonly Dictionary<string, Deletion> _deletions = new(StringComparer.Ordinal);
    private long _inviteCount;
    private long _keyCount;
    private long _auditCount;
    private long _deletionCount;

    public AdminState(MythicDotEmulatorOptions options)
    {
        _clock = options.TimeProvider;
        ConfiguredKey = options.AdminKey;
        _keys.Add(new AdminKey("key_emulator_admin", "Emulator admin key", options.AdminKey, (options.AdminKeyScopes ?? AllScopes).ToArray(), 1704067200));
    }

    /// <summary>Gets the admin key from the options.</summary>
    public string ConfiguredKey { get; }

    public long Now => _clock.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>The admin key with this secret, or null.</summary>
    public AdminKey? KeyBySecret(string secret)
    {
        lock (_gate)
        {
            return _keys.FirstOrDefault(k => string.Equals(k.Secret, secret, StringComparison.Ordinal));
        }
    }

    public Member[] Members()
    {
        lock (_gate)
        {
            return _members.ToArray();
        }
    }

    public AdminKey[] Keys()
    {
        lock (_gate)
        {
            return _keys.ToArray();
        }
    }

    public Member? UpdateMember(string id, string role, AdminKey actor)
    {
        lock (_gate)
        {
            var index = _members.FindIndex(m => m.Id == id);
            if (index < 0)
            {
                return null;
            }

            var member = _members[index] with { Role = role };
            _members[index] = member;
            AddAudit("member.updated", actor, w => { w.WriteString("id", id); w.WriteString("role", role); });
            return member;
        }
    }

    public InviteRecord CreateInvite(string email, string role, AdminKey actor)
    {
        lock (_gate)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"invite_emulator_{++_inviteCount:D6}");
            var invite = new InviteRecord(id, email, role, Now);
            AddAudit("invite.created", actor, w => { w.WriteString("id", id); w.WriteString("email", email); w.WriteString("role", role); });
            return invite;
        }
    }

    public AdminKey CreateKey(string name, string[] scopes, AdminKey actor)
    {
        lock (_gate)
        {
            var number = ++_keyCount;
            var id = string.Create(CultureInfo.InvariantCulture, $"key_emulator_{number:D6}");
            var secret = "mythic-admin-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
            var key = new AdminKey(id, name, secret, scopes, Now);
            _keys.Add(key);
            AddAudit("api_key.created", actor, w =>
            {
                w.WriteString("id", id);
                w.WriteString("name", name);
                w.WriteStartArray("scopes");
                foreach (var scope in scopes)
                {
                    w.WriteStringValue(scope);
                }

                w.WriteEndArray();
            });
            return key;
        }
    }

    public bool DeleteKey(string id, AdminKey actor)
    {
        lock (_gate)
        {
            if (_keys.RemoveAll(k => k.Id == id) == 0)
            {
                return false;
            }

            AddAudit("api_key.deleted", actor, w => w.WriteString("id", id));
            return true;
        }
    }

    public Deletion RequestDeletion(string scope, AdminKey actor)
    {
        lock (_gate)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"deletion_emulator_{++_deletionCount:D6}");
            var deletion = new Deletion(id, scope, Now);
            _deletions[id] = deletion;
            AddAudit("data_deletion.requested", actor, w => { w.WriteString("id", id); w.WriteString("scope", scope); });
            return deletion;
        }
    }

    public Deletion? DeletionById(string id)
    {
        lock (_gate)
        {
            return _deletions.GetValueOrDefault(id);
        }
    }

    /// <summary>The audit entries, newest first.</summary>
    public AuditEntry[] Audit()
    {
        lock (_gate)
        {
            return Enumerable.Reverse(_audit).ToArray();
        }
    }

    private void AddAudit(string type, AdminKey actor, Action<Utf8JsonWriter> details)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"audit_log_emulator_{++_auditCount:D6}");
        var json = System.Text.Encoding.UTF8.GetString(EmulatorResponses.ToJson(w =>
        {
            w.WriteStartObject();
            details(w);
            w.WriteEndObject();
        }).Span);
        _audit.Add(new AuditEntry(id, Now, type, actor.Id, OwnerEmail, json));
    }

    public sealed record Member(string Id, string Name, string Email, string Role, long AddedAt);

    public sealed record InviteRecord(string Id, string Email, string Role, long InvitedAt);

    public sealed record AdminKey(string Id, string Name, string Secret, string[] Scopes, long CreatedAt)
    {
        public string Redacted => Secret.Length > 20 ? Secret[..16] + "..." + Secret[^4..] : "mythic-admin-...";

        public override string ToString() => $"AdminKey {{ Id = {Id} }}";
    }

    public sealed record AuditEntry(string Id, long Timestamp, string EventType, string ActorId, string ActorEmail, string DetailsJson);

    public sealed record Deletion(string Id, string Scope, long CreatedAt)
    {
        public double ProgressAt(long now) =>
            Math.Clamp((now - CreatedAt) / DeletionDuration.TotalSeconds, 0, 1);

        public long EstimatedCompletion => CreatedAt + (long)DeletionDuration.TotalSeconds;
    }
}
