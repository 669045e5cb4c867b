using System.ComponentModel;
using Akka.Ingest.Ctl.Client;
using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Rendering;

namespace Akka.Ingest.Ctl.Commands;

/// <summary>
/// <c>pipeline stats [--watch]</c>: event totals, the status relay's lag and one row per partition.
/// <c>--watch</c> adds the rates since the previous reading: on a terminal it redraws in place every interval,
/// piped it writes one line per interval (with <c>--json</c>, one JSON line), until Ctrl-C.
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

        var previous = await client.GetAsync<PipelineStats>(Path, cancellationToken);
        if (!settings.Watch)
        {
            Out.Write(Render(previous, null));
            return ExitCodes.Ok;
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var readAt = clock.Elapsed;
        if (!Out.Profile.Capabilities.Ansi)
        {
            // Piped or logged: one line per interval, nothing redrawn.
            var writer = Out.Profile.Out.Writer;
            writer.WriteLine(Line(previous, null));
            writer.Flush();
            while (true)
            {
                await Task.Delay(interval, cancellationToken);
                var next = await client.GetAsync<PipelineStats>(Path, cancellationToken);
                var now = clock.Elapsed;
                writer.WriteLine(Line(next, EventRates.Between(previous.Events, next.Events, now - readAt)));
                writer.Flush();
                (previous, readAt) = (next, now);
            }
        }

        await Out.Live(Render(previous, null)).StartAsync(async live =>
        {
            while (true)
            {
                await Task.Delay(interval, cancellationToken);
                var next = await client.GetAsync<PipelineStats>(Path, cancellationToken);
                var now = clock.Elapsed;
                live.UpdateTarget(Render(next, EventRates.Between(previous.Events, next.Events, now - readAt)));
                (previous, readAt) = (next, now);
            }
        });
        return ExitCodes.Ok;
    }

    /// <summary>One reading as one line: the time, totals with their rates, the queue and the relay lag.</summary>
    public static string Line(PipelineStats stats, EventRates? rates)
    {
        var events = stats.Events;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{DateTime.Now:HH:mm:ss}  stream {(stats.Running ? "running" : "stopped")}  queued {stats.Queued}  accepted {events.Accepted} ({Rate(rates?.Accepted)})  committed {events.Committed} ({Rate(rates?.Committed)})  rejected {events.Rejected.Total} ({Rate(rates?.Rejected)})  relay lag {RelayLag(stats)}");
    }

    private static string Rate(double? perSecond) => perSecond is { } r ? FormattableString.Invariant($"{r:0.0}/s") : "-/s";

    private static string RelayLag(PipelineStats stats) => stats.StatusRelay is { } relay ? $"{relay.Pending}" : "-";

    /// <summary>
    /// The summary and the partitions: one table when the console is wide enough, else the batch columns and
    /// the flush/writer columns as two tables, so nothing wraps on an 80-column terminal.
    /// </summary>
    public IRenderable Render(PipelineStats stats, EventRates? rates)
    {
        var events = stats.Events;
        var state = stats.Running ? "[green]running[/]" : "[red]stopped[/]";
        var rateLine = rates is null
            ? ""
            : $"\nper second: accepted [bold]{Rate(rates.Accepted)}[/]  committed [bold]{Rate(rates.Committed)}[/]  rejected [bold]{Rate(rates.Rejected)}[/]";
        var summary = new Markup(
            $"node [bold]{Markup.Escape(stats.NodeId)}[/]  stream {state}  queued [bold]{stats.Queued}[/]  relay lag [bold]{RelayLag(stats)}[/]\n" +
            $"accepted [bold]{events.Accepted}[/]  committed [bold]{events.Committed}[/]  " +
            $"rejected [bold]{events.Rejected.Total}[/] (queue full {events.Rejected.QueueFull}, " +
            $"timed out {events.Rejected.TimedOut}, invalid {events.Rejected.Invalid})" + rateLine);

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
