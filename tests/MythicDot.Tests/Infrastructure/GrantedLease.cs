using System.Threading.RateLimiting;

namespace MythicDot.Tests.Infrastructure;

/// <summary>A lease that is acquired and carries no metadata, for test limiters that grant.</summary>
public sealed class GrantedLease : RateLimitLease
{
    public static readonly GrantedLease Instance = new();

    public override bool IsAcquired => true;

    public override IEnumerable<string> MetadataNames => [];

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        metadata = null;
        return false;
    }
}
