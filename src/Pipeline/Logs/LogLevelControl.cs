using Akka.Actor;
using Serilog.Core;
using Serilog.Events;
using AkkaLogLevel = Akka.Event.LogLevel;

namespace Akka.Ingest.Pipeline.Logs;

/// <summary>
/// The host's minimum log level, changeable at run time (<c>PUT /admin/log-level</c>, <c>ingestctl log level</c>):
/// a Serilog <see cref="LoggingLevelSwitch"/> under every sink, and Akka's own event-stream level, which filters
/// actor log events before they reach Serilog. It starts at <c>Serilog:MinimumLevel:Default</c> (Information
/// by default); the section's per-source overrides (<c>Microsoft.AspNetCore: Warning</c>) stay as configured.
/// </summary>
public sealed class LogLevelControl
{
    public LogLevelControl(IConfiguration configuration)
    {
        var configured = configuration["Serilog:MinimumLevel:Default"] ?? configuration["Serilog:MinimumLevel"];
        Switch = new LoggingLevelSwitch(TryParseLevel(configured, out var level) ? level : LogEventLevel.Information);
    }

    public LoggingLevelSwitch Switch { get; }

    public LogEventLevel Level => Switch.MinimumLevel;

    public static IReadOnlyList<string> Names { get; } = Enum.GetNames<LogEventLevel>();

    /// <summary>A level by its Serilog name (<c>Debug</c>), case-insensitive; numbers are not levels.</summary>
    public static bool TryParseLevel(string? name, out LogEventLevel level)
    {
        level = LogEventLevel.Information;
        return !string.IsNullOrWhiteSpace(name) && !char.IsDigit(name.Trim()[0])
               && Enum.TryParse(name.Trim(), ignoreCase: true, out level) && Enum.IsDefined(level);
    }

    /// <summary>Sets the level; returns the one it replaced.</summary>
    public LogEventLevel Set(LogEventLevel level, ActorSystem? system)
    {
        var previous = Switch.MinimumLevel;
        Switch.MinimumLevel = level;
        system?.EventStream.SetLogLevel(AkkaLevelOf(level));
        return previous;
    }

    public static AkkaLogLevel AkkaLevelOf(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose or LogEventLevel.Debug => AkkaLogLevel.DebugLevel,
        LogEventLevel.Information => AkkaLogLevel.InfoLevel,
        LogEventLevel.Warning => AkkaLogLevel.WarningLevel,
        _ => AkkaLogLevel.ErrorLevel,
    };
}
