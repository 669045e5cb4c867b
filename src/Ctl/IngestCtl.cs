using Akka.Ingest.Ctl.Commands;
using Akka.Ingest.Ctl.Prompt;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Akka.Ingest.Ctl;

/// <summary>
/// The ingestctl command line, callable in-process (tests) as well as from <c>Program</c>, in pbm's shape:
/// <c>ingestctl [host:port] &lt;verb&gt; …</c>, or without a verb an interactive prompt. Verbs follow pbm's:
/// <c>actor hierarchy</c>, <c>actor system</c>, <c>pipeline stats</c>, <c>log peek</c>, <c>domain show</c>,
/// <c>config show</c>; plus <c>health</c> and <c>completion</c>. Returns the exit code (see <see cref="ExitCodes"/>).
/// </summary>
public static class IngestCtl
{
    public static Task<int> RunAsync(string[] args, CtlConsoles consoles, CancellationToken cancellationToken = default) =>
        RunAsync(args, consoles, new CtlInterrupts(cancellationToken));

    /// <param name="input">The prompt's lines; by default the terminal (with editing and history) or, when stdin is
    /// redirected, stdin read line by line.</param>
    public static async Task<int> RunAsync(string[] args, CtlConsoles consoles, CtlInterrupts interrupts, ILineReader? input = null)
    {
        var target = CtlTarget.Default;
        var rest = args.ToList();
        if (rest.Count > 0 && CtlTarget.LooksLikeAddress(rest[0]))
        {
            if (CtlTarget.Parse(rest[0], out var error) is not { } given)
                return Usage(consoles.Error, error!);
            if (rest.Contains("--url"))
                return Usage(consoles.Error, "give the address once: first, or with --url.");
            target = given;
            rest.RemoveAt(0);
        }

        if (rest.Count == 0 || (rest[0].StartsWith('-') && !rest.Any(a => a is "-h" or "--help" or "-v" or "--version")))
            return await PromptAsync(target, rest, consoles, interrupts, input);
        return await RunVerbAsync([.. rest], consoles, target, interrupts.Next());
    }

    private static async Task<int> PromptAsync(CtlTarget target, List<string> options, CtlConsoles consoles, CtlInterrupts interrupts, ILineReader? input)
    {
        // --url at start chooses the prompt's host, as an address first would.
        var url = options.IndexOf("--url");
        if (url >= 0)
        {
            if (url + 1 >= options.Count || CtlTarget.Parse(options[url + 1], out _) is not { } given)
                return Usage(consoles.Error, "--url needs an http:// or https:// address.");
            target = given;
            options.RemoveRange(url, 2);
        }

        var history = new PromptHistory();
        var reader = input ?? (Console.IsInputRedirected ? new PlainLineReader(Console.In) : new TerminalLineReader(history));
        var prompt = new InteractivePrompt(target, options, consoles, reader, history,
            (verb, cancellationToken) => RunVerbAsync(verb, consoles, target, cancellationToken));
        return await prompt.RunAsync(interrupts);
    }

    private static async Task<int> RunVerbAsync(string[] args, CtlConsoles consoles, CtlTarget target, CancellationToken cancellationToken)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("ingestctl");
            config.ConfigureConsole(consoles.Out);
            config.Settings.Registrar.RegisterInstance(consoles);
            config.Settings.Registrar.RegisterInstance(target);
            config.SetExceptionHandler((exception, _) => Fail(consoles.Error, exception));
            config.AddExample("127.0.0.1:9110", "actor", "hierarchy", "--flat");
            config.AddExample("actor", "hierarchy", "--url", "http://127.0.0.1:9110");
            config.AddExample("127.0.0.1:9110");

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
                log.SetDescription("Read the host's recent log; change its level.");
                log.AddCommand<LogPeekCommand>("peek")
                    .WithDescription("Show the last log lines kept in memory by the host.")
                    .WithExample("log", "peek", "-n", "20");
                log.AddCommand<LogLevelCommand>("level")
                    .WithDescription("Show the host's minimum log level, or set it while the host runs.")
                    .WithExample("log", "level", "Debug");
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
                cluster.SetDescription("Inspect and change the cluster (cluster mode).");
                cluster.AddCommand<ClusterShowCommand>("show").WithDescription("Show members, status, roles, leader, oldest and unreachable.");
                cluster.AddCommand<ClusterTailCommand>("tail").WithDescription("Follow membership events as they happen, until Ctrl-C.");
                cluster.AddCommand<ClusterDownCommand>("down").WithDescription("Mark a member down (it is removed; it must restart to rejoin).")
                    .WithExample("cluster", "down", "akka.tcp://akka-ingest@10.0.0.3:4053");
                cluster.AddCommand<ClusterLeaveCommand>("leave").WithDescription("Make a member leave gracefully (its partition owners hand off).")
                    .WithExample("cluster", "leave", "akka.tcp://akka-ingest@10.0.0.3:4053");
                cluster.AddCommand<ClusterJoinCommand>("join").WithDescription("Make this host join the cluster of the node at ADDRESS.")
                    .WithExample("cluster", "join", "akka.tcp://akka-ingest@10.0.0.1:4053");
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
            config.AddCommand<HealthCommand>("health")
                .WithDescription("Ask /health/ready: exit 0 when ready, 1 when not, 2 when the host cannot be reached.")
                .WithExample("health");
            config.AddCommand<CompletionCommand>("completion")
                .WithDescription("Print the bash or zsh completion script.")
                .WithExample("completion", "bash");
        });

        return await app.RunAsync(args, cancellationToken);
    }

    private static int Usage(IAnsiConsole errors, string message)
    {
        errors.MarkupLineInterpolated($"[red]error:[/] {message}");
        errors.WriteLine("Run 'ingestctl --help' for the verbs and their options.");
        return ExitCodes.UsageOrUnreachable;
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
