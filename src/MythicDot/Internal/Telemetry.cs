using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MythicDot.Internal;

/// <summary>The SDK's <see cref="ActivitySource"/> (the meter is <see cref="ClientMetrics"/>), both named <c>MythicDot</c>, with OpenTelemetry GenAI and HTTP attribute names.</summary>
/// <remarks>Nothing is computed unless a listener is attached: every use checks <c>HasListeners</c> or <c>Enabled</c> first.</remarks>
internal static class Telemetry
{
    public const string Name = "MythicDot";

    // ActivitySource has no factory in .NET: one per process, as every library's.
    public static readonly ActivitySource Source = new(Name, Version);

    public static readonly string? Version = typeof(Telemetry).Assembly.GetName().Version?.ToString(3);

    public const string OperationNameTag = "gen_ai.operation.name";
    public const string ProviderNameTag = "gen_ai.provider.name";
    public const string RequestModelTag = "gen_ai.request.model";
    public const string ResponseModelTag = "gen_ai.response.model";
    public const string ResponseIdTag = "gen_ai.response.id";
    public const string InputTokensTag = "gen_ai.usage.input_tokens";
    public const string OutputTokensTag = "gen_ai.usage.output_tokens";
    public const string TokenTypeTag = "gen_ai.token.type";
    public const string ErrorTypeTag = "error.type";
    public const string StatusCodeTag = "http.response.status_code";
    public const string MethodTag = "http.request.method";
    public const string ServerAddressTag = "server.address";
    public const string ServerPortTag = "server.port";
    public const string AttemptTag = "http.request.resend_count";
    public const string RetryReasonTag = "mythicdot.retry.reason";
    public const string ProviderName = "mythicdot";
}
