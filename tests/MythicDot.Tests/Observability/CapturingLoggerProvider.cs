using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace MythicDot.Tests.Observability;

/// <summary>
/// Microsoft.Extensions.Diagnostics.Testing's <see cref="FakeLoggerProvider"/> and <see cref="FakeLogCollector"/>, as a logger
/// factory the SDK's options take, each record's structured properties as a dictionary (as text, the form the collector
/// keeps them in), and an optional minimum level the loggers report as enabled.
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ILoggerFactory
{
    private readonly FakeLoggerProvider _provider;

    public CapturingLoggerProvider()
    {
        _provider = new FakeLoggerProvider(Collector);
    }

    public FakeLogCollector Collector { get; } = new();

    /// <summary>Gets or sets the lowest level the loggers are enabled for; the default is <see cref="LogLevel.Trace"/>.</summary>
    public LogLevel MinimumLevel { get; set; } = LogLevel.Trace;

    /// <summary>Gets every record so far, oldest first.</summary>
    public IReadOnlyList<LogEntry> Entries => Collector.GetSnapshot().Select(LogEntry.From).ToList();

    public ILogger CreateLogger(string categoryName)
    {
        var logger = (FakeLogger)_provider.CreateLogger(categoryName);
        foreach (var level in Enum.GetValues<LogLevel>().Where(l => l < MinimumLevel))
        {
            logger.ControlLevel(level, enabled: false);
        }

        return logger;
    }

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose() => _provider.Dispose();

    public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyDictionary<string, string?> Properties, Exception? Exception)
    {
        public static LogEntry From(FakeLogRecord record) => new(
            record.Category ?? string.Empty,
            record.Level,
            record.Id,
            record.Message,
            (record.StructuredState ?? []).ToDictionary(p => p.Key, p => p.Value),
            record.Exception);
    }
}
