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
          --only a,b,…,h        run only these figures (a PUT, b bulk, c in-process, d GET, e RSS, f status relay,
                                g realistic client, h naive baseline)
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
        """;

    public bool Smoke { get; private init; }

    public string Output { get; private init; } = "";

    public HashSet<char> Figures { get; private init; } = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];

    public List<string> HostArguments { get; } = [];

    public Dictionary<string, string> HostEnvironment { get; } = [];

    public Dictionary<string, string> PostgresOverrides { get; } = [];

    public List<string> ConnectionOptions { get; } = [];

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
        var figures = new HashSet<char> { 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h' };
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
        };
        settings.HostArguments.AddRange(hostArguments);
        foreach (var (key, value) in hostEnvironment)
            settings.HostEnvironment[key] = value;
        foreach (var (key, value) in postgres)
            settings.PostgresOverrides[key] = value;
        settings.ConnectionOptions.AddRange(connectionOptions);
        return settings;
    }
}
