using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MythicDot.Internal;

/// <summary>The SDK's <see cref="ActivitySource"/> and <see cref="Meter"/>, both named <c>MythicDot</c>, with OpenTelemetry GenAI and HTTP attribute names.</summary>
/// <remarks>Nothing is computed unless a listener is attached: every use checks <c>HasListeners</c> or <c>Enabled</c> first.</remarks>
internal static class Telemetry
{
    public const string Name = "MythicDot";

    public static readonly ActivitySource Source = new(Name, typeof(Telemetry).Assembly.GetName().Version?.ToString(3));

    public static readonly Meter Meter = new(Name, typeof(Telemetry).Assembly.GetName().Version?.ToString(3));

    public static readonly Histogram<double> OperationDuration = Meter.CreateHistogram<double>(
        "gen_ai.client.operation.duration", unit: "s", description: "Duration of MythicDot API calls, retries included.");

    public static readonly Histogram<long> TokenUsage = Meter.CreateHistogram<long>(
        "gen_ai.client.token.usage", unit: "{token}", description: "Tokens used by MythicDot API calls.");

    public static readonly Counter<long> Retries = Meter.CreateCounter<long>(
        "mythicdot.client.retries", unit: "{retry}", description: "Retries scheduled by the MythicDot client, by reason.");

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
