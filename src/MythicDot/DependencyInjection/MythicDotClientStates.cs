using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using MythicDot.Internal;

namespace MythicDot.DependencyInjection;

/// <summary>The state of each named client (resolved options, retry pipelines, URI cache, concurrency limiter, logger), built once per name.</summary>
/// <remarks>
/// A singleton, so that resolving the transient <see cref="MythicDotClient"/> only builds the client objects around a fresh
/// <see cref="HttpClient"/> from the factory (whose handler rotation keeps working). When <see cref="IOptionsMonitor{TOptions}"/>
/// hands out a new options instance (the configuration was reloaded), the name's state is built again from it; clients
/// resolved earlier keep the state they were built with.
/// </remarks>
internal sealed class MythicDotClientStates(IOptionsMonitor<MythicDotClientOptions> monitor, IServiceProvider services)
{
    // The host's meter factory when it has one (the .NET 8+ convention; hosts register it), else the process-wide meter.
    private readonly ClientMetrics _metrics = services.GetService(typeof(System.Diagnostics.Metrics.IMeterFactory)) is System.Diagnostics.Metrics.IMeterFactory factory
        ? ClientMetrics.From(factory)
        : ClientMetrics.Shared;

    private readonly ConcurrentDictionary<string, ClientState> _states = new(StringComparer.Ordinal);
    private readonly object _gate = new();

    /// <summary>The prefix of the options names of admin clients (<c>AddMythicDotAdminClient</c>), whose key must be an admin key.</summary>
    public const string AdminOptionsPrefix = "MythicDot.Admin:";

    /// <summary>Whether an options name is an admin client's.</summary>
    public static bool IsAdmin(string? optionsName) => optionsName is not null && optionsName.StartsWith(AdminOptionsPrefix, StringComparison.Ordinal);

    public ClientState Get(string optionsName)
    {
        var options = monitor.Get(optionsName);
        if (_states.TryGetValue(optionsName, out var state) && ReferenceEquals(state.Source, options))
        {
            return state;
        }

        // Under a lock, so that concurrent first resolves build one state (and one concurrency limiter) per name, not several.
        lock (_gate)
        {
            if (!_states.TryGetValue(optionsName, out state) || !ReferenceEquals(state.Source, options))
            {
                state = ClientState.Create(options, _metrics, IsAdmin(optionsName));
                _states[optionsName] = state;
            }

            return state;
        }
    }
}
