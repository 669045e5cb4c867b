using System.Globalization;
using System.Text;

namespace Akka.Ingest.Bench;

/// <summary>
/// The Markdown report: one row per figure (Akka.Ingest beside its baseline, the ratio, the target), the CPU split of
/// each measurement, and PostgreSQL's own account. Every number is also kept so smoke mode can check that each
/// measurement produced one.
/// </summary>
public sealed class Report
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    private readonly List<string> _figures = [];
    private readonly List<string> _cpu = [];
    private readonly List<string> _evidence = [];
    private readonly List<string> _sections = [];
    private readonly List<(string What, double Value)> _numbers = [];

    public void Figure(string figure, string ingest, string baseline, string ratio, string target, bool? met)
    {
        var verdict = met switch { true => "yes", false => "**no**", null => "—" };
        _figures.Add($"| {figure} | {ingest} | {baseline} | {ratio} | {target} | {verdict} |");
    }

    public void Cpu(string measurement, CpuSplit cpu)
    {
        // Evidence, not a figure: a smoke run's loads are too short for the kernel's 10 ms ticks, so it is not checked.
        _cpu.Add($"| {measurement} | {cpu.LoadTool:0.00} | {cpu.Server:0.00} | {cpu.Postgres:0.00} | {cpu.LoadTool + cpu.Server + cpu.Postgres:0.00} |");
    }

    public void Evidence(string markdown) => _evidence.Add(markdown);

    /// <summary>A figure's own table, printed after the main one (e.g. the scale-out figure's builds side by side).</summary>
    public void Section(string markdown) => _sections.Add(markdown);

    /// <summary>Records a measured number; smoke mode fails when one is missing, zero or not finite.</summary>
    public double Number(string what, double value)
    {
        _numbers.Add((what, value));
        return value;
    }

    public IEnumerable<string> MissingNumbers() =>
        _numbers.Where(n => !(double.IsFinite(n.Value) && n.Value > 0)).Select(n => $"{n.What} = {n.Value}");

    public string ToMarkdown(string header)
    {
        var text = new StringBuilder(header);
        text.AppendLine();
        text.AppendLine("| figure | Akka.Ingest | baseline | ratio | target | met |");
        text.AppendLine("|---|---:|---:|---:|---|---|");
        foreach (var row in _figures)
            text.AppendLine(row);
        text.AppendLine();
        foreach (var section in _sections)
            text.AppendLine(section);
        text.AppendLine("CPU split during each measurement (cores: CPU seconds per wall second, from /proc; median of the repetitions; 2 cores in all):");
        text.AppendLine();
        text.AppendLine("| measurement | load tool | server | postgres | total |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var row in _cpu)
            text.AppendLine(row);
        text.AppendLine();
        if (_evidence.Count > 0)
        {
            text.AppendLine("PostgreSQL during each group (pg_stat_bgwriter, pg_stat_wal, pg_stat_statements):");
            text.AppendLine();
            foreach (var evidence in _evidence)
                text.AppendLine(evidence);
        }
        return text.ToString();
    }

    public static string Rate(double perSecond) => perSecond.ToString("#,0", C);

    public static string Ms(double ms) => ms.ToString(ms < 10 ? "0.00" : "0.0", C);

    public static string Percent(double ratio) => (ratio * 100).ToString("0", C) + "%";

    public static string MiB(long bytes) => (bytes / 1048576.0).ToString("#,0", C) + " MiB";
}
