using System.Text.Json.Serialization;
using MythicDot.Serialization;

namespace MythicDot.Admin;

/// <summary>A data deletion job (<c>organization.data_deletion</c>): what <c>DeleteDataAsync</c> starts and <c>GetDataDeletionStatusAsync</c> follows.</summary>
public sealed class DataDeletion : ApiResponse
{
    /// <summary>Gets the job's id.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>Gets the object type, <c>organization.data_deletion</c>.</summary>
    [JsonPropertyName("object")]
    public string? ObjectType { get; init; }

    /// <summary>Gets what the job erases.</summary>
    public DataDeletionScope Scope { get; init; }

    /// <summary>Gets the job's state.</summary>
    public DataDeletionStatus Status { get; init; }

    /// <summary>Gets how far the job is, from 0 to 1; <see langword="null"/> when the server does not say.</summary>
    public double? Progress { get; init; }

    /// <summary>Gets when the job was requested.</summary>
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Gets when the job is expected to finish.</summary>
    [JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset EstimatedCompletion { get; init; }
}
