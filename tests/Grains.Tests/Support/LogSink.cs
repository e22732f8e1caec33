using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Platform.Grains.Tests.Support;

/// <summary>Collects every log message of a test silo, so tests can see what grains reported (loads, unloads).</summary>
internal sealed class LogSink : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _messages = new();

    public IReadOnlyList<string> Messages => _messages.ToArray();

    public ILogger CreateLogger(string categoryName) => new SinkLogger(_messages);

    public void Dispose()
    {
    }

    private sealed class SinkLogger(ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                messages.Enqueue(exception is null ? formatter(state, exception) : $"{formatter(state, exception)}\n{exception}");
        }
    }
}
