namespace MythicDot.Admin;

/// <summary>The body of a data deletion request (internal: the public call takes the scope and the confirmation as arguments).</summary>
internal sealed class DataDeletionRequest
{
    public DataDeletionScope Scope { get; set; }

    public bool Confirm { get; set; }
}
