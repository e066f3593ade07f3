using Microsoft.AspNetCore.Http;

namespace MythicDot.Testing.Internal;

/// <summary>What a fault or an endpoint needs about one request: the HTTP context, the emulator, and the body already read.</summary>
internal sealed class EmulatorRequestContext(HttpContext http, EmulatorState state, string requestId, byte[] body)
{
    public HttpContext Http { get; } = http;

    public EmulatorState State { get; } = state;

    public string RequestId { get; } = requestId;

    /// <summary>Gets the request body; the middleware has read the stream already.</summary>
    public byte[] Body { get; } = body;

    /// <summary>Gets or sets the queued fault that ends this request's stream early, if it streams.</summary>
    public Faults.StreamFault? StreamFault { get; set; }

    /// <summary>Gets or sets the queued fault that drops this request's realtime session, if it opens one.</summary>
    public Faults.RealtimeDropFault? RealtimeFault { get; set; }

    /// <summary>Gets or sets the admin key that authenticated an organization route's request.</summary>
    public AdminState.AdminKey? AdminKey { get; set; }

    /// <summary>Gets whether the connection was dropped without an answer (<see cref="Drop"/>).</summary>
    public bool Dropped { get; private set; }

    /// <summary>Drops the connection without an answer; the recorded request keeps no status.</summary>
    public void Drop()
    {
        Dropped = true;
        Http.Abort();
    }

    public static EmulatorRequestContext Of(HttpContext http) =>
        http.Features.Get<EmulatorRequestContext>() ?? throw new InvalidOperationException("The emulator middleware did not run for this request.");

    public string? RouteValue(string name) => Http.Request.RouteValues.TryGetValue(name, out var value) ? value?.ToString() : null;

    /// <summary>Answers with an error in the emulator's configured envelope.</summary>
    public Task WriteErrorAsync(int statusCode, string code, string message, string? param = null) =>
        WriteErrorAsync(new EmulatorError(statusCode, code, message, param, null));

    /// <summary>Answers with an error, with its own status, in the emulator's configured envelope.</summary>
    public Task WriteErrorAsync(EmulatorError error) =>
        EmulatorResponses.WriteErrorAsync(Http, error.StatusCode, error, State.ErrorEnvelope);
}
