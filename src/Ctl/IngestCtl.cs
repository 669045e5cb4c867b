using Akka.Ingest.Ctl.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Akka.Ingest.Ctl;

/// <summary>
/// The ingestctl command line, callable in-process (tests) as well as from <c>Program</c>. Verbs follow
/// pbm's: <c>actor hierarchy</c>, <c>actor system</c>, <c>pipeline stats</c>, <c>log peek</c>,
/// <c>domain show</c>, <c>config show</c>. Returns the exit code (see <see cref="ExitCodes"/>).
/// </summary>
public static class IngestCtl
{
    public static async Task<int> RunAsync(string[] args, CtlConsoles consoles, CancellationToken cancellationToken = default)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("ingestctl");
            config.ConfigureConsole(consoles.Out);
            config.Settings.Registrar.RegisterInstance(consoles);
            config.SetExceptionHandler((exception, _) => Fail(consoles.Error, exception));

            config.AddBranch("actor", actor =>
            {
                actor.SetDescription("Inspect live actors.");
                actor.AddCommand<ActorHierarchyCommand>("hierarchy")
                    .WithDescription("Show the actor tree, discovered live with ActorSelection + Identify.")
                    .WithExample("actor", "hierarchy", "-d", "2")
                    .WithExample("actor", "hierarchy", "-s", "/system", "-d", "1");
                actor.AddCommand<ActorSystemCommand>("system")
                    .WithDescription("Show the actor system: name, address, uptime, versions, store.");
            });
            config.AddBranch("pipeline", pipeline =>
            {
                pipeline.SetDescription("Inspect the ingest pipeline.");
                pipeline.AddCommand<PipelineStatsCommand>("stats")
                    .WithDescription("Show event totals and per-partition batches, flush times and writer restarts.")
                    .WithExample("pipeline", "stats", "--watch");
            });
            config.AddBranch("log", log =>
            {
                log.SetDescription("Read the host's recent log.");
                log.AddCommand<LogPeekCommand>("peek")
                    .WithDescription("Show the last log lines kept in memory by the host.")
                    .WithExample("log", "peek", "-n", "20");
            });
            config.AddBranch("domain", domain =>
            {
                domain.SetDescription("Look up domains.");
                domain.AddCommand<DomainShowCommand>("show")
                    .WithDescription("Show a domain's counts, status and partition.")
                    .WithExample("domain", "show", "example.com");
            });
            config.AddBranch("cluster", cluster =>
            {
                cluster.SetDescription("Inspect the cluster (cluster mode).");
                cluster.AddCommand<ClusterShowCommand>("show").WithDescription("Show members, status, roles, leader, oldest and unreachable.");
            });
            config.AddBranch("cluster-sharding", sharding =>
            {
                sharding.SetDescription("Inspect the partition owners (cluster mode).");
                sharding.AddCommand<RegionStatsCommand>("region-stats").WithDescription("Show which node owns which partition, with counts.");
            });
            config.AddBranch("config", configuration =>
            {
                configuration.SetDescription("Read the host's configuration.");
                configuration.AddCommand<ConfigShowCommand>("show")
                    .WithDescription("Show the effective configuration, secrets redacted.");
            });
        });

        return await app.RunAsync(args, cancellationToken);
    }

    private static int Fail(IAnsiConsole errors, Exception exception)
    {
        switch (exception)
        {
            case CommandAppException usage:
                errors.MarkupLineInterpolated($"[red]error:[/] {usage.Message}");
                errors.WriteLine("Run 'ingestctl --help' for the verbs and their options.");
                return ExitCodes.UsageOrUnreachable;
            default:
                errors.MarkupLineInterpolated($"[red]error:[/] {exception.Message}");
                return ExitCodes.HostError;
        }
    }
}
