using Microsoft.Extensions.Logging;

namespace CallCenterSdk.Sip.Tests;

/// <summary>Keeps every formatted log line, at every level.</summary>
internal sealed class RecordingLoggerFactory : ILoggerFactory
{
    private readonly List<string> _lines = [];
    private readonly List<(LogLevel Level, string Line)> _entries = [];

    /// <summary>Lines logged at <paramref name="level"/> or above.</summary>
    public IReadOnlyList<string> LinesAtOrAbove(LogLevel level)
    {
        lock (_lines)
        {
            return [.. _entries.Where(e => e.Level >= level).Select(e => e.Line)];
        }
    }

    public IReadOnlyList<string> Lines
    {
        get { lock (_lines) { return [.. _lines]; } }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    private sealed class Logger(RecordingLoggerFactory owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner._lines)
            {
                var line = formatter(state, exception) + (exception is null ? string.Empty : " " + exception.Message);
                owner._lines.Add(formatter(state, exception));
                owner._entries.Add((logLevel, line));
            }
        }
    }
}
