using System.Globalization;

namespace Akka.Ingest.Bench;

/// <summary>The runner's command line.</summary>
public sealed class BenchSettings
{
    public const string BareKestrelVerb = "bare-kestrel";
    public const string Usage = """
        Akka.Ingest benchmark runner (bench/run.sh): starts a throwaway PostgreSQL and the host in Release, and measures
        each figure beside its baseline (median of the repetitions).

          --smoke               tiny sizes, one repetition: checks that every measurement produces a number (CI)
          --output PATH         where the Markdown report goes (default bench/results/latest.md; a temp file with --smoke)
          --only a,b,…,h,p,s    run only these figures (a PUT, b bulk, c in-process, d GET, e RSS, f status relay,
                                g realistic client, h naive baseline, p producer sessions: the realistic client with
                                --producer against without, s scale-out: 1 node against 3 cluster nodes)
          --host-arg ARG        pass ARG to every host process (repeatable), e.g. --host-arg=--Ingest:MaxBatchEvents=50000
          --host-env KEY=VALUE  set an environment variable for the host and bare Kestrel (repeatable), e.g. DOTNET_gcServer=0
          --connection-option OPT  append OPT to the host's connection strings, e.g. "No Reset On Close=true"
          --pg KEY=VALUE        override a PostgreSQL setting of the throwaway server (repeatable), e.g. plan_cache_mode=force_generic_plan
          --repetitions N       override the number of repetitions
          --mailgun-events N    events of the in-process Mailgun figure (c); 0 skips it
          --uniform-events N    events of the in-process uniform:10000000 figure (c); 0 skips it
          --relay-events N      events behind the status relay figure (f; default 1,000,000)
          --relay-distribution D  their distribution (f; default uniform:100000), e.g. uniform:500000 for a backlog that
                                outlasts the draining host's start-up
          --raw-connections N   connections of figure c's raw upsert loop (default: the host's default partitions, 2)

        Figure s (scale-out: its own PostgreSQL with default settings, HAProxy, the generator CLI through it):
          --scale-rate N        the paced load's events/s (default 2,500; both variants must sustain it)
          --scale-seconds N     length of the paced load; the saturated one is sized to about as long (default 20)
          --scale-warmup-events N  events sent before anything is measured (default 30,000)
          --scale-concurrency N    the generator's keep-alive connections (default 48)
          --scale-settle-seconds N quiet time after each load before PostgreSQL's commit count is read (default 11)
          --scale-idle-seconds N   window of the idle CPU reading, after the loads (default 20)
          --scale-arg ARG       pass ARG to every node of this runner's own build (repeatable; not the baseline's)
          --scale-1-arg ARG     pass ARG to the 1-node variant's host (both builds; repeatable)
          --scale-3-arg ARG     pass ARG to each of the 3 cluster nodes (both builds; repeatable)
          --baseline-host DIR   also measure the host in DIR (a Pipeline bin folder holding Akka.Ingest.Pipeline.dll,
                                e.g. another worktree's src/Pipeline/bin/Release/net10.0), side by side
          --baseline-arg ARG    pass ARG to every node of the baseline (repeatable); without --baseline-host the
                                baseline is this runner's own build with these arguments
          --scale-pg KEY=VALUE  override a setting of figure s's PostgreSQL (repeatable), e.g. max_connections=50
        (--host-arg and --host-env reach every node of both builds too.)
        """;

    public bool Smoke { get; private init; }

    public string Output { get; private init; } = "";

    public HashSet<char> Figures { get; private init; } = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'p', 's'];

    public List<string> HostArguments { get; } = [];

    public Dictionary<string, string> HostEnvironment { get; } = [];

    public Dictionary<string, string> PostgresOverrides { get; } = [];

    public List<string> ConnectionOptions { get; } = [];

    /// <summary>Figure s: arguments for every node of this runner's own build.</summary>
    public List<string> ScaleArguments { get; } = [];

    /// <summary>Figure s: arguments for the 1-node variant's host (both builds).</summary>
    public List<string> ScaleSingleNodeArguments { get; } = [];

    /// <summary>Figure s: arguments for each node of the 3-node variant (both builds).</summary>
    public List<string> ScaleClusterArguments { get; } = [];

    /// <summary>Figure s: the baseline build's Pipeline output folder, if one is measured beside this runner's.</summary>
    public string? BaselineHost { get; private init; }

    /// <summary>Figure s: arguments for every node of the baseline.</summary>
    public List<string> BaselineArguments { get; } = [];

    /// <summary>Figure s: overrides of its own PostgreSQL's settings.</summary>
    public Dictionary<string, string> ScalePostgresOverrides { get; } = [];

    /// <summary>Figure s measures a baseline beside this build: another build's folder, or this build with other arguments.</summary>
    public bool HasBaseline => BaselineHost is not null || BaselineArguments.Count > 0;

    public BenchSizes Sizes { get; private init; } = BenchSizes.Full;

    /// <summary>Connections of the raw upsert loop (figure c): as many as the host's partition writers unless told.</summary>
    public int RawConnections { get; private init; } = ServerProcess.HostPartitions;

    public string LogDirectory { get; private init; } = "";

    public IReadOnlyList<string> CommandLine { get; private init; } = [];

    /// <summary>The folder holding Akka.Ingest.sln above the current one (dotnet run starts in the project's folder).</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Akka.Ingest.sln")))
                return dir.FullName;
        }
        return Environment.CurrentDirectory;
    }

    public static BenchSettings Parse(string[] args)
    {
        var smoke = args.Contains("--smoke");
        string? output = null;
        int? repetitions = null;
        long? mailgunEvents = null;
        long? uniformEvents = null;
        int? rawConnections = null;
        long? relayEvents = null;
        string? relayDistribution = null;
        var figures = new HashSet<char> { 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'p', 's' };
        var scaleOut = smoke ? ScaleOutSizes.Smoke : ScaleOutSizes.Full;
        string? baselineHost = null;
        var scaleArguments = new List<string>();
        var scaleSingle = new List<string>();
        var scaleCluster = new List<string>();
        var baselineArguments = new List<string>();
        var scalePostgres = new Dictionary<string, string>();
        var hostArguments = new List<string>();
        var hostEnvironment = new Dictionary<string, string>();
        var postgres = new Dictionary<string, string>();
        var connectionOptions = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var (name, inline) = args[i].Split('=', 2) is [var n, var v] && n.StartsWith("--", StringComparison.Ordinal) ? (n, v) : (args[i], null);
            string Value() => inline ?? (++i < args.Length ? args[i] : throw new ArgumentException($"{name} needs a value."));
            switch (name)
            {
                case "--smoke":
                    break;
                case "--output":
                    output = Value();
                    break;
                case "--only":
                    figures = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(f => f[0]).ToHashSet();
                    break;
                case "--host-arg":
                    hostArguments.Add(Value());
                    break;
                case "--host-env":
                    var pair = Value().Split('=', 2);
                    hostEnvironment[pair[0]] = pair.Length == 2 ? pair[1] : throw new ArgumentException("--host-env takes KEY=VALUE.");
                    break;
                case "--connection-option":
                    connectionOptions.Add(Value());
                    break;
                case "--pg":
                    var setting = Value().Split('=', 2);
                    postgres[setting[0]] = setting.Length == 2 ? setting[1] : throw new ArgumentException("--pg takes KEY=VALUE.");
                    break;
                case "--repetitions":
                    repetitions = int.Parse(Value(), CultureInfo.InvariantCulture);
                    break;
                case "--mailgun-events":
                    mailgunEvents = long.Parse(Value(), CultureInfo.InvariantCulture);
                    break;
                case "--uniform-events":
                    uniformEvents = long.Parse(Value(), CultureInfo.InvariantCulture);
                    break;
                case "--relay-events":
                    relayEvents = long.Parse(Value(), CultureInfo.InvariantCulture);
                    break;
                case "--relay-distribution":
                    relayDistribution = Value();
                    break;
                case "--raw-connections":
                    rawConnections = int.Parse(Value(), CultureInfo.InvariantCulture);
                    break;
                case "--scale-rate":
                    scaleOut = scaleOut with { PacedRate = Positive(name, double.Parse(Value(), CultureInfo.InvariantCulture)) };
                    break;
                case "--scale-seconds":
                    scaleOut = scaleOut with { Phase = TimeSpan.FromSeconds(Positive(name, double.Parse(Value(), CultureInfo.InvariantCulture))) };
                    break;
                case "--scale-warmup-events":
                    scaleOut = scaleOut with { WarmUpEvents = (long)Positive(name, long.Parse(Value(), CultureInfo.InvariantCulture)) };
                    break;
                case "--scale-concurrency":
                    scaleOut = scaleOut with { Concurrency = (int)Positive(name, int.Parse(Value(), CultureInfo.InvariantCulture)) };
                    break;
                case "--scale-settle-seconds":
                    scaleOut = scaleOut with { Settle = TimeSpan.FromSeconds(NotNegative(name, double.Parse(Value(), CultureInfo.InvariantCulture))) };
                    break;
                case "--scale-idle-seconds":
                    scaleOut = scaleOut with { Idle = TimeSpan.FromSeconds(Positive(name, double.Parse(Value(), CultureInfo.InvariantCulture))) };
                    break;
                case "--scale-arg":
                    scaleArguments.Add(Value());
                    break;
                case "--scale-1-arg":
                    scaleSingle.Add(Value());
                    break;
                case "--scale-3-arg":
                    scaleCluster.Add(Value());
                    break;
                case "--baseline-host":
                    baselineHost = Path.GetFullPath(Value());
                    if (!File.Exists(Path.Combine(baselineHost, ScaleOutBuild.HostAssembly)))
                        throw new ArgumentException($"--baseline-host {baselineHost} holds no {ScaleOutBuild.HostAssembly} (give a Pipeline bin folder, e.g. src/Pipeline/bin/Release/net10.0 of a Release build).");
                    break;
                case "--baseline-arg":
                    baselineArguments.Add(Value());
                    break;
                case "--scale-pg":
                    var scaleSetting = Value().Split('=', 2);
                    scalePostgres[scaleSetting[0]] = scaleSetting.Length == 2 ? scaleSetting[1] : throw new ArgumentException("--scale-pg takes KEY=VALUE.");
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}.\n\n{Usage}");
            }
        }

        var sizes = smoke ? BenchSizes.Smoke : BenchSizes.Full;
        sizes = sizes with
        {
            Repetitions = repetitions ?? sizes.Repetitions,
            MailgunEvents = mailgunEvents ?? sizes.MailgunEvents,
            UniformEvents = uniformEvents ?? sizes.UniformEvents,
            RelayEvents = relayEvents ?? sizes.RelayEvents,
            RelayDistribution = relayDistribution ?? sizes.RelayDistribution,
            ScaleOut = scaleOut,
        };
        var logDirectory = Directory.CreateTempSubdirectory("akka-ingest-bench-").FullName;
        var settings = new BenchSettings
        {
            Smoke = smoke,
            Output = Path.GetFullPath(output ?? (smoke ? Path.Combine(logDirectory, "results.md") : Path.Combine(RepositoryRoot(), "bench", "results", "latest.md"))),
            Figures = figures,
            Sizes = sizes,
            RawConnections = rawConnections ?? ServerProcess.HostPartitions,
            LogDirectory = logDirectory,
            CommandLine = args,
            BaselineHost = baselineHost,
        };
        settings.HostArguments.AddRange(hostArguments);
        foreach (var (key, value) in hostEnvironment)
            settings.HostEnvironment[key] = value;
        foreach (var (key, value) in postgres)
            settings.PostgresOverrides[key] = value;
        settings.ConnectionOptions.AddRange(connectionOptions);
        settings.ScaleArguments.AddRange(scaleArguments);
        settings.ScaleSingleNodeArguments.AddRange(scaleSingle);
        settings.ScaleClusterArguments.AddRange(scaleCluster);
        settings.BaselineArguments.AddRange(baselineArguments);
        foreach (var (key, value) in scalePostgres)
            settings.ScalePostgresOverrides[key] = value;
        return settings;
    }

    private static double Positive(string option, double value) =>
        value > 0 && double.IsFinite(value) ? value : throw new ArgumentException($"{option} must be positive.");

    private static double NotNegative(string option, double value) =>
        value >= 0 && double.IsFinite(value) ? value : throw new ArgumentException($"{option} must not be negative.");
}
