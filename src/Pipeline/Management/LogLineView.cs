using System.Globalization;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Akka.Ingest.Pipeline.Management;

/// <summary>One log event as <c>/admin/logs</c> shows it.</summary>
public sealed record LogLineView(DateTimeOffset Timestamp, string Level, string? Source, string Message, string? Exception)
{
    // The console sink's rendering ({Message:lj}): strings unquoted, structures as JSON.
    private static readonly MessageTemplateTextFormatter MessageOnly = new("{Message:lj}", CultureInfo.InvariantCulture);

    public static LogLineView From(LogEvent logEvent) => new(
        logEvent.Timestamp,
        logEvent.Level.ToString(),
        SourceOf(logEvent),
        Render(logEvent),
        logEvent.Exception?.ToString());

    private static string Render(LogEvent logEvent)
    {
        using var message = new StringWriter(CultureInfo.InvariantCulture);
        MessageOnly.Format(logEvent, message);
        return message.ToString();
    }

    // ASP.NET loggers set SourceContext; Akka.Logger.Serilog sets LogSource (the actor path or class).
    private static string? SourceOf(LogEvent logEvent)
    {
        foreach (var name in new[] { "SourceContext", "LogSource" })
        {
            if (logEvent.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: { } source })
                return source.ToString();
        }
        return null;
    }
}

/// <summary>The answer of <c>/admin/logs</c>.</summary>
public sealed record LogPeekView(int Capacity, IReadOnlyList<LogLineView> Lines);
