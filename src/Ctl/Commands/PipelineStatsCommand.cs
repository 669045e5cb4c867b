using System.ComponentModel;
using Akka.Ingest.Ctl.Client;
using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Rendering;

namespace Akka.Ingest.Ctl.Commands;

/// <summary>
/// <c>pipeline stats [--watch]</c>: event totals and one row per partition. <c>--watch</c> redraws every
/// interval until Ctrl-C (with <c>--json</c>, one JSON line per interval).
/// </summary>
public sealed class PipelineStatsCommand(CtlConsoles consoles, CtlTarget target) : ManagementCommand<PipelineStatsCommand.Settings>(consoles, target)
{
    private const string Path = "admin/pipeline";

    public sealed class Settings : CtlSettings
    {
        [CommandOption("-w|--watch")]
        [Description("Refresh until Ctrl-C.")]
        public bool Watch { get; init; }

        [CommandOption("-i|--interval <SECONDS>")]
        [Description("Seconds between refreshes with --watch.")]
        [DefaultValue(1.0)]
        public double IntervalSeconds { get; init; } = 1.0;

        public override ValidationResult Validate() =>
            IntervalSeconds is < 0.1 or > 3600 ? ValidationResult.Error("--interval is between 0.1 and 3600 seconds.") : base.Validate();
    }

    protected override async Task<int> RunAsync(ManagementClient client, Settings settings, CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromSeconds(settings.IntervalSeconds);
        if (settings.Json)
        {
            WriteJson(await client.GetJsonAsync(Path, cancellationToken), indented: !settings.Watch);
            while (settings.Watch)
            {
                await Task.Delay(interval, cancellationToken);
                WriteJson(await client.GetJsonAsync(Path, cancellationToken), indented: false);
            }
            return ExitCodes.Ok;
        }

        var first = Render(await client.GetAsync<PipelineStats>(Path, cancellationToken));
        if (!settings.Watch)
        {
            Out.Write(first);
            return ExitCodes.Ok;
        }

        await Out.Live(first).StartAsync(async live =>
        {
            while (true)
            {
                await Task.Delay(interval, cancellationToken);
                live.UpdateTarget(Render(await client.GetAsync<PipelineStats>(Path, cancellationToken)));
            }
        });
        return ExitCodes.Ok;
    }

    /// <summary>
    /// The summary and the partitions: one table when the console is wide enough, else the batch columns and
    /// the flush/writer columns as two tables, so nothing wraps on an 80-column terminal.
    /// </summary>
    public IRenderable Render(PipelineStats stats)
    {
        var events = stats.Events;
        var state = stats.Running ? "[green]running[/]" : "[red]stopped[/]";
        var summary = new Markup(
            $"node [bold]{Markup.Escape(stats.NodeId)}[/]  stream {state}  queued [bold]{stats.Queued}[/]\n" +
            $"accepted [bold]{events.Accepted}[/]  committed [bold]{events.Committed}[/]  " +
            $"rejected [bold]{events.Rejected.Total}[/] (queue full {events.Rejected.QueueFull}, " +
            $"timed out {events.Rejected.TimedOut}, invalid {events.Rejected.Invalid})");

        var wide = Out.Profile.Width >= WideLayoutWidth;
        var batches = Table(wide ? BatchColumns.Concat(WriterColumns.Skip(1)) : BatchColumns);
        var writers = wide ? null : Table(WriterColumns);
        foreach (var p in stats.Partitions)
        {
            var batchCells = BatchCells(p);
            if (wide)
            {
                batches.AddRow(batchCells.Concat(WriterCells(p).Skip(1)).ToArray());
            }
            else
            {
                batches.AddRow(batchCells);
                writers!.AddRow(WriterCells(p));
            }
        }

        return writers is null ? new Rows(summary, batches) : new Rows(summary, batches, writers);
    }

    private const int WideLayoutWidth = 110;

    private static readonly string[] BatchColumns = ["partition", "buffered", "in flight ev/dom", "batches", "rows", "events"];

    private static readonly string[] WriterColumns = ["partition", "last flush", "p99 flush", "restarts", "backoff", "writer"];

    private static Table Table(IEnumerable<string> columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var (name, index) in columns.Select((c, i) => (c, i)))
            table.AddColumn(index == 0 || name == "writer" ? new TableColumn(name) : new TableColumn(name).RightAligned());
        return table;
    }

    private static IRenderable[] BatchCells(PartitionStats p) =>
    [
        new Text(p.Partition.ToString()),
        new Text(p.BufferedEvents.ToString()),
        new Text($"{p.InFlightEvents}/{p.InFlightDomains}"),
        new Text(p.BatchesCommitted.ToString()),
        new Text(p.RowsWritten.ToString()),
        new Text(p.EventsCommitted.ToString()),
    ];

    private static IRenderable[] WriterCells(PartitionStats p) =>
    [
        new Text(p.Partition.ToString()),
        new Text(Millis(p.LastFlushMs)),
        new Text(Millis(p.P99FlushMs)),
        new Text(p.WriterRestarts.ToString()),
        new Text(Millis(p.CurrentBackoffMs)),
        new Markup(p.Writer switch
        {
            "running" => "[green]running[/]",
            "backing-off" => "[yellow]backing-off[/]",
            _ => $"[red]{Markup.Escape(p.Writer)}[/]",
        }),
    ];
}
