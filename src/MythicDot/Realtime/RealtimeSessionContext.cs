using Microsoft.Extensions.Logging;
using MythicDot.Errors;

namespace MythicDot.Realtime;

/// <summary>What a session needs from its client and options, resolved at connect.</summary>
/// <param name="MaxMessageBytes">The cap on one server message, frames put together.</param>
/// <param name="CloseTimeout">How long a close waits for the server's.</param>
/// <param name="TimeProvider">The clock of the close timeout.</param>
/// <param name="Errors">The clock and key for mapping error events.</param>
/// <param name="Logger">The client's logger.</param>
internal sealed record RealtimeSessionContext(int MaxMessageBytes, TimeSpan CloseTimeout, TimeProvider TimeProvider, ErrorContext Errors, ILogger Logger);
