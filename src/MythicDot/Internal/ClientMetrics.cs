using System.Diagnostics.Metrics;

namespace MythicDot.Internal;

/// <summary>The SDK's <see cref="Meter"/>, named <c>MythicDot</c>, and its instruments.</summary>
/// <remarks>
/// Under dependency injection the meter comes from the host's <see cref="IMeterFactory"/> (the .NET 8+ convention: the host owns and
/// disposes it, and tests can isolate it); a client built with <c>new</c> uses the one process-wide meter, <see cref="Shared"/>.
/// Nothing is computed unless a listener is attached: every use checks <c>Enabled</c> first.
/// </remarks>
internal sealed class ClientMetrics
{
    private static readonly Lazy<ClientMetrics> LazyShared = new(() => new ClientMetrics(new Meter(Telemetry.Name, Telemetry.Version)));

    private ClientMetrics(Meter meter)
    {
        Meter = meter;
        OperationDuration = meter.CreateHistogram<double>(
            "gen_ai.client.operation.duration", unit: "s", description: "Duration of MythicDot API calls, retries included.");
        TokenUsage = meter.CreateHistogram<long>(
            "gen_ai.client.token.usage", unit: "{token}", description: "Tokens used by MythicDot API calls.");
        Retries = meter.CreateCounter<long>(
            "mythicdot.client.retries", unit: "{retry}", description: "Retries scheduled by the MythicDot client, by reason.");
    }

    /// <summary>Gets the process-wide meter's instruments, for clients built without dependency injection.</summary>
    public static ClientMetrics Shared => LazyShared.Value;

    public Meter Meter { get; }

    public Histogram<double> OperationDuration { get; }

    public Histogram<long> TokenUsage { get; }

    public Counter<long> Retries { get; }

    /// <summary>The instruments of the <c>MythicDot</c> meter that <paramref name="factory"/> makes (it returns one meter per name and version).</summary>
    public static ClientMetrics From(IMeterFactory factory) =>
        new(factory.Create(new MeterOptions(Telemetry.Name) { Version = Telemetry.Version }));
}
