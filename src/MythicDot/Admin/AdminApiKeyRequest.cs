using System.Text.Json;
using System.Text.Json.Serialization;

namespace MythicDot.Admin;

/// <summary>A request for <c>POST /organization/api-keys</c>: a new admin key's name and scopes.</summary>
public sealed class AdminApiKeyRequest
{
    internal static readonly string[] TypedNames = ["name", "scopes"];

    /// <summary>Initializes a new instance of the <see cref="AdminApiKeyRequest"/> class, to fill with an object initializer.</summary>
    public AdminApiKeyRequest()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="AdminApiKeyRequest"/> class.</summary>
    /// <param name="name">The key's name.</param>
    /// <param name="scopes">The permissions the key holds.</param>
    public AdminApiKeyRequest(string name, IEnumerable<AdminScope> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        Name = name;
        Scopes = scopes.ToList();
    }

    /// <summary>Gets or sets the key's name (required).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the permissions the key holds; <see langword="null"/> for the server's default.</summary>
    public IList<AdminScope>? Scopes { get; set; }

    /// <summary>Gets or sets fields the API accepts that the SDK does not type yet; they are sent as given.</summary>
    /// <remarks>A name that a typed property already sends is refused, so nothing is silently overwritten.</remarks>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Checks what the API documents before any request is sent.</summary>
    internal static void Validate(AdminApiKeyRequest request, string paramName)
    {
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            throw new ArgumentException("AdminApiKeyRequest.Name is required.", paramName);
        }

        if (request.Scopes is { } scopes && scopes.Any(s => string.IsNullOrEmpty(s.Value)))
        {
            throw new ArgumentException("AdminApiKeyRequest.Scopes holds an empty scope.", paramName);
        }

        AdminValidation.RefuseTyped(request.AdditionalProperties, TypedNames, nameof(AdminApiKeyRequest), paramName);
    }
}
