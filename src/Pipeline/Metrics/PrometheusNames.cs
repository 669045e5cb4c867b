using System.Diagnostics.Metrics;
using System.Text;

namespace Akka.Ingest.Pipeline.Metrics;

/// <summary>
/// OpenTelemetry's mapping of an instrument to a Prometheus series name (the OpenTelemetry "Prometheus and
/// OpenMetrics compatibility" rules, as its Prometheus exporter applies them): dots and other invalid characters
/// become underscores, the unit becomes a suffix (<c>s</c> → <c>_seconds</c>, <c>By</c> → <c>_bytes</c>, an
/// annotation such as <c>{connection}</c> none), and a monotonic counter ends in <c>_total</c>. So
/// <c>kestrel.connection.duration</c> (s) is <c>kestrel_connection_duration_seconds</c> and
/// <c>kestrel.rejected_connections</c> (a Counter) <c>kestrel_rejected_connections_total</c>. One departure: a gauge
/// ending in <c>_count</c> takes the plural instead, as Prometheus's naming lint asks.
/// </summary>
public static class PrometheusNames
{
    private static readonly Dictionary<string, string> Units = new(StringComparer.Ordinal)
    {
        ["s"] = "seconds",
        ["ms"] = "milliseconds",
        ["us"] = "microseconds",
        ["ns"] = "nanoseconds",
        ["By"] = "bytes",
        ["KiBy"] = "kibibytes",
        ["MiBy"] = "mebibytes",
        ["%"] = "percent",
    };

    /// <summary>
    /// Instruments that the runtime (.NET 10) declares as ObservableCounter although they go down as well as up: a
    /// counter would never show the thread pool's queue draining, so they are published as gauges.
    /// </summary>
    private static readonly HashSet<string> CurrentValuesDeclaredAsCounters = new(StringComparer.Ordinal)
    {
        "dotnet.thread_pool.thread.count",
        "dotnet.thread_pool.queue.length",
    };

    public static bool IsMonotonic(Instrument instrument)
    {
        var type = instrument.GetType();
        var definition = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        return (definition == typeof(Counter<>) || definition == typeof(ObservableCounter<>))
               && !(instrument.Meter.Name == "System.Runtime" && CurrentValuesDeclaredAsCounters.Contains(instrument.Name));
    }

    public static string Of(Instrument instrument) =>
        Of(instrument.Name, instrument.Unit, IsMonotonic(instrument), instrument.GetType().IsGenericType && instrument.GetType().GetGenericTypeDefinition() == typeof(Histogram<>));

    public static string Of(string instrumentName, string? unit, bool monotonic, bool histogram = false)
    {
        var name = Sanitize(instrumentName);
        // A gauge named "…_count" reads as a histogram's or summary's count series (promtool rejects it):
        // dotnet.assembly.count becomes dotnet_assemblies, db.client.connection.count db_client_connections.
        if (!monotonic && !histogram && name.EndsWith("_count", StringComparison.Ordinal))
            name = Plural(name[..^"_count".Length]);
        var suffix = UnitSuffix(unit);
        if (suffix.Length > 0 && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
            name += "_" + suffix;
        if (monotonic && !name.EndsWith("_total", StringComparison.Ordinal))
            name += "_total";
        return name;
    }

    /// <summary>A tag name as a label name: <c>server.address</c> → <c>server_address</c>.</summary>
    public static string Label(string tagName) => Sanitize(tagName);

    private static string UnitSuffix(string? unit)
    {
        if (string.IsNullOrWhiteSpace(unit))
            return "";
        // Annotations in braces carry no unit: {connection}, {work_item}, {request}/s.
        var withoutAnnotations = new StringBuilder();
        var depth = 0;
        foreach (var c in unit)
        {
            if (c == '{')
                depth++;
            else if (c == '}')
                depth = Math.Max(0, depth - 1);
            else if (depth == 0)
                withoutAnnotations.Append(c);
        }
        var parts = withoutAnnotations.ToString().Split('/');
        var words = parts.Select(p => p.Trim()).Select(p => Units.TryGetValue(p, out var word) ? word : Sanitize(p)).ToList();
        if (words[0].Length == 0)
            return words.Count > 1 && words[1].Length > 0 ? "per_" + Singular(words[1]) : "";
        return words.Count > 1 && words[1].Length > 0 ? $"{words[0]}_per_{Singular(words[1])}" : words[0];
    }

    private static string Plural(string name) =>
        name.EndsWith('y') && name.Length > 1 && !"aeiou".Contains(name[^2]) ? name[..^1] + "ies"
        : name.EndsWith('s') ? name
        : name + "s";

    private static string Singular(string unit) => unit.EndsWith('s') ? unit[..^1] : unit;

    private static string Sanitize(string text)
    {
        var name = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var valid = char.IsAsciiLetterOrDigit(c) || c == '_';
            if (valid)
                name.Append(c);
            else if (name.Length > 0 && name[^1] != '_')
                name.Append('_');
        }
        while (name.Length > 0 && name[^1] == '_')
            name.Length--;
        if (name.Length > 0 && char.IsAsciiDigit(name[0]))
            name.Insert(0, '_');
        return name.ToString();
    }
}
