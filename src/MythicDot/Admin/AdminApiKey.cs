using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Admin;

/// <summary>An admin API key (<c>organization.admin_api_key</c>), as listed by <c>GET /organization/api-keys</c> or created by <c>POST</c>.</summary>
/// <remarks><see cref="Value"/>, the secret, is sent once, in the answer to the create call: store it then. <see cref="ToString"/>
/// never includes it.</remarks>
public sealed class AdminApiKey : ApiResponse
{
    /// <summary>Gets the key's id (not a secret).</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>Gets the object type, <c>organization.admin_api_key</c>.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; init; }

    /// <summary>Gets the key's name.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the key as displayed, with most of it hidden (<c>mythic-admin-abc...xyz</c>).</summary>
    public string? RedactedValue { get; init; }

    /// <summary>Gets the secret key itself: only in the answer to <see cref="AdminApiKeysClient.CreateAsync(AdminApiKeyRequest, RequestOptions?, CancellationToken)"/>,
    /// <see langword="null"/> in lists. Never in <see cref="ToString"/>.</summary>
    public string? Value { get; init; }

    /// <summary>Gets the permissions the key holds.</summary>
    public IReadOnlyList<AdminScope> Scopes { get; init; } = [];

    /// <summary>Gets when the key was created.</summary>
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets who owns the key, as the server describes them.</summary>
    public JsonElement? Owner { get; init; }

    /// <summary>Describes the key without its secret.</summary>
    /// <returns>The id, name, redacted value and scopes.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"AdminApiKey {{ Id = {Id}, Name = {Name}, RedactedValue = {RedactedValue}, Value = {(Value is null ? "(not sent)" : "***")}, Scopes = [{string.Join(", ", Scopes)}] }}");
}
