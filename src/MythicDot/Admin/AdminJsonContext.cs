using System.Text.Json.Serialization;
using MythicDot.Admin;

namespace MythicDot.Serialization;

/// <summary>The source-generated serializer for the admin API.</summary>
/// <remarks>One context per area (see <c>ModerationsJsonContext</c>); the options are the same in every context.</remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(Page<OrganizationMember>))]
[JsonSerializable(typeof(OrganizationMember))]
[JsonSerializable(typeof(OrganizationMemberUpdate))]
[JsonSerializable(typeof(OrganizationInviteRequest))]
[JsonSerializable(typeof(OrganizationInvite))]
[JsonSerializable(typeof(Page<AdminApiKey>))]
[JsonSerializable(typeof(AdminApiKey))]
[JsonSerializable(typeof(AdminApiKeyRequest))]
[JsonSerializable(typeof(AdminApiKeyDeletion))]
[JsonSerializable(typeof(UsageReport))]
[JsonSerializable(typeof(Page<AuditLogEntry>))]
[JsonSerializable(typeof(DataDeletionRequest))]
[JsonSerializable(typeof(DataDeletion))]
internal sealed partial class AdminJsonContext : JsonSerializerContext
{
}
