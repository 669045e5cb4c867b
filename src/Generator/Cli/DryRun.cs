using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Akka.Ingest.Domain;
using Akka.Ingest.Workload.Distributions;
using Akka.Ingest.Generator.Load;

namespace Akka.Ingest.Generator.Cli;

/// <summary><c>--dry-run</c>: generates the planned events without sending them, to measure the generator alone.</summary>
public static class DryRun
{
    public static int Run(LoadPlan plan, TextWriter output, bool json)
    {
        var cursor = EventCursor.Create(plan.Distribution, plan.Seed);
        var bounces = 0L;
        var started = Stopwatch.GetTimestamp();
        for (var i = 0L; i < plan.Events; i++)
        {
            if (cursor.Next().Kind == EventKind.Bounced)
                bounces++;
        }
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var perSecond = seconds > 0 ? plan.Events / seconds : 0;

        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(new
            {
                distribution = plan.Distribution.ToString(),
                seed = plan.Seed,
                events = plan.Events,
                bounces,
                elapsedSeconds = seconds,
                eventsPerSecond = perSecond,
            }));
        }
        else
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"generated {plan.Events} events ({plan.Distribution}, seed {plan.Seed}, {bounces} bounces) in {seconds:0.000} s: {perSecond:0} events/s, nothing sent"));
        }
        return ExitCodes.Success;
    }
}
