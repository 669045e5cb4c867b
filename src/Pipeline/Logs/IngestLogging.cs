using Serilog;
using Serilog.Formatting.Compact;

namespace Akka.Ingest.Pipeline.Logs;

/// <summary>
/// The host's Serilog set-up: the <c>Serilog</c> section (levels, overrides, enrichers, any extra sinks), the
/// console in the format <c>Logs:Format</c> names — <c>text</c> (the <c>Logs:Template</c> output template) or
/// <c>json</c> (Serilog's rendered compact JSON, one object per line, with <c>@tr</c> and <c>@sp</c> when the
/// event was logged inside a trace) — and the minimum level under a <see cref="LogLevelControl"/>, so
/// <c>PUT /admin/log-level</c> can change it while the host runs.
/// </summary>
public static class IngestLogging
{
    public const string Section = "Logs";
    public const string DefaultTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    public static readonly IReadOnlyList<string> Formats = ["text", "json"];

    /// <summary>Fails start-up with one line for a format other than text or json.</summary>
    public static string FormatOf(IConfiguration configuration)
    {
        var format = configuration[$"{Section}:Format"];
        if (string.IsNullOrWhiteSpace(format))
            return "text";
        var known = Formats.FirstOrDefault(f => string.Equals(f, format.Trim(), StringComparison.OrdinalIgnoreCase));
        return known ?? throw new InvalidOperationException($"{Section}:Format must be text or json, not '{format}'.");
    }

    public static LoggerConfiguration Configure(LoggerConfiguration logger, IConfiguration configuration, IServiceProvider services, LogLevelControl level)
    {
        logger.ReadFrom.Configuration(configuration).ReadFrom.Services(services);
        if (FormatOf(configuration) == "json")
            logger.WriteTo.Console(new RenderedCompactJsonFormatter());
        else
            logger.WriteTo.Console(outputTemplate: configuration[$"{Section}:Template"] is { Length: > 0 } template ? template : DefaultTemplate);
        // After the section: the switch, not the section's Default, then decides the minimum level (overrides stay).
        return logger.MinimumLevel.ControlledBy(level.Switch);
    }
}
