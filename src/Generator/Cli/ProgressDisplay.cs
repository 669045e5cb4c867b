using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace Akka.Ingest.Generator.Cli;

/// <summary>
/// A live Spectre progress bar over a running task, polling a counter a few times a second; when the output is
/// not a terminal (or --json), it just awaits the task, so logs and pipes get only the report.
/// </summary>
public static class ProgressDisplay
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(200);

    public static async Task<T> TrackAsync<T>(
        IAnsiConsole console, bool enabled, string activity, long total, Func<long> completed, Task<T> work)
    {
        if (!enabled)
            return await work;

        var started = Stopwatch.GetTimestamp();
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask(activity, maxValue: Math.Max(total, 1));
                while (true)
                {
                    var done = completed();
                    var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                    bar.Value = done;
                    bar.Description = string.Create(CultureInfo.InvariantCulture,
                        $"{activity} {done:N0}/{total:N0} ({(seconds > 0 ? done / seconds : 0):N0}/s)");
                    if (work.IsCompleted)
                        break;
                    await Task.WhenAny(work, Task.Delay(RefreshInterval));
                }
            });
        return await work;
    }
}
