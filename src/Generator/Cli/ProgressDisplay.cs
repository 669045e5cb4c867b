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

    /// <param name="duration">With <c>--duration</c>: the bar follows the time, or the count when that is further along.</param>
    public static async Task<T> TrackAsync<T>(
        IAnsiConsole console, bool enabled, string activity, long total, Func<long> completed, Task<T> work, TimeSpan? duration = null)
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
                var bounded = total != long.MaxValue;
                var bar = context.AddTask(activity, maxValue: duration is null ? Math.Max(total, 1) : 1000);
                while (true)
                {
                    var done = completed();
                    var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                    var rate = seconds > 0 ? done / seconds : 0;
                    if (duration is { } length)
                    {
                        var fraction = Math.Max(Math.Min(seconds / length.TotalSeconds, 1), bounded ? done / (double)Math.Max(total, 1) : 0);
                        bar.Value = fraction * 1000;
                        bar.Description = string.Create(CultureInfo.InvariantCulture,
                            $"{activity} {done:N0}{(bounded ? $"/{total:N0}" : "")} ({rate:N0}/s, {Math.Min(seconds, length.TotalSeconds):0}/{length.TotalSeconds:0} s)");
                    }
                    else
                    {
                        bar.Value = done;
                        bar.Description = string.Create(CultureInfo.InvariantCulture, $"{activity} {done:N0}/{total:N0} ({rate:N0}/s)");
                    }
                    if (work.IsCompleted)
                        break;
                    await Task.WhenAny(work, Task.Delay(RefreshInterval));
                }
            });
        return await work;
    }
}
