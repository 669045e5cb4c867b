using Akka.Ingest.Workload.Verification;
using Akka.Ingest.Generator.Load;
using Akka.Ingest.Generator.Verification;
using Spectre.Console.Cli;

namespace Akka.Ingest.Generator.Cli;

/// <summary>
/// The load run: probe the host, send the events, optionally verify every domain, then print the report.
/// Exit codes are those of <see cref="ExitCodes"/>.
/// </summary>
public sealed class LoadCommand(CliStreams streams) : AsyncCommand<LoadSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, LoadSettings settings, CancellationToken cancellationToken)
    {
        if (!settings.TryCreatePlan(out var plan, out var error))
        {
            await streams.Error.WriteLineAsync($"error: {error}");
            return ExitCodes.Usage;
        }
        if (settings.DistributionGivenToDuration)
            await streams.Error.WriteLineAsync($"warning: -d is --duration now (as in wrk); '{settings.Duration}' was taken as the distribution. Use -D or --distribution.");
        if (settings.DryRun)
            return DryRun.Run(plan, streams.Output, settings.Json);

        var showProgress = streams.Interactive && !settings.Json && !settings.NoProgress;
        // One client (and connection pool) per host; the workers are spread over them round-robin.
        var connectionsPerHost = (plan.Concurrency + plan.Urls.Count - 1) / plan.Urls.Count;
        var apis = plan.Urls.Select(url => new IngestApiClient(url, connectionsPerHost, plan.RequestTimeout)).ToList();
        using var disposeApis = new CompositeDisposable(apis);
        var api = apis[0];
        try
        {
            foreach (var host in apis)
                await host.ProbeAsync(cancellationToken);
        }
        catch (HostUnreachableException ex)
        {
            await streams.Error.WriteLineAsync($"error: {ex.Message}");
            await streams.Error.WriteLineAsync("Is the host running? Start one with: dotnet run --project src/Pipeline");
            return ExitCodes.Usage;
        }

        // Replaying the stream for the expected counts overlaps with sending it when the count is known up front
        // (it needs no network); with --duration, it replays the events sent, once the run has ended.
        var expected = plan.Verify && plan.Duration is null
            ? Task.Run(() => ExpectedResultsCalculator.Compute(plan.Distribution, plan.Seed, plan.Events), CancellationToken.None)
            : null;

        var driver = new HttpLoadDriver(plan, apis);
        var outcome = await ProgressDisplay.TrackAsync(streams.Console, showProgress, "PUT events", plan.Events,
            () => driver.Statistics.Finished, driver.RunAsync(cancellationToken), plan.Duration);
        if (plan.Verify && plan.Duration is not null)
            expected = Task.Run(() => ExpectedResultsCalculator.Compute(plan.Distribution, plan.Seed, driver.Sent), CancellationToken.None);

        VerificationResult? verification = null;
        if (expected is not null && !outcome.Interrupted)
        {
            var results = await expected;
            // Every node shares the store: one of them answers for all.
            var verifier = new DomainVerifier(api, plan.Policy, plan.Concurrency);
            try
            {
                verification = await ProgressDisplay.TrackAsync(streams.Console, showProgress, "GET domains", results.DomainCount,
                    () => verifier.Checked, verifier.VerifyAsync(results, cancellationToken));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                outcome = outcome with { Interrupted = true };
            }
        }

        var report = LoadReport.From(plan, driver.Statistics, outcome, verification, driver.Sent);
        if (settings.Json)
            ReportWriter.WriteJson(streams.Output, report);
        else
            ReportWriter.WriteText(streams.Output, report);
        return report.ExitCode;
    }
}
