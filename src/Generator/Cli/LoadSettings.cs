using System.ComponentModel;
using Akka.Ingest.Domain;
using Akka.Ingest.Workload.Distributions;
using Akka.Ingest.Generator.Load;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Akka.Ingest.Generator.Cli;

/// <summary>The command line of the load generator, checked as a whole before anything is sent.</summary>
public sealed class LoadSettings : CommandSettings
{
    public const int MaxConcurrency = 10_000;

    public const string DefaultUrl = "http://localhost:5080";

    /// <summary>The host's longest <c>Producer-Id</c>.</summary>
    public const int MaxProducerIdLength = 64;

    [CommandOption("-u|--url <URL>")]
    [Description("Base address of a running Akka.Ingest host (default " + DefaultUrl + "). Give it several times to spread the workers over several hosts, round-robin, as a load balancer would.")]
    public string[] Url { get; init; } = [];

    public const long DefaultEvents = 100_000;

    [CommandOption("-n|--events <COUNT>")]
    [Description("How many events to send (default 100,000; no limit with --duration alone). With --duration too, the run stops at whichever comes first.")]
    public long? Events { get; init; }

    [CommandOption("-d|--duration <DURATION>")]
    [Description("Send for this long, as wrk's -d: 30s, 2m, 1h, 500ms or seconds; at most 24h. The events in flight at the end are still answered. (-d used to be --distribution: a distribution given to -d is still taken as one, with a warning.)")]
    public string? Duration { get; init; }

    [CommandOption("-c|--concurrency <WORKERS>")]
    [Description("Requests in flight at once (workers, and pooled keep-alive connections).")]
    [DefaultValue(256)]
    public int Concurrency { get; init; } = 256;

    [CommandOption("-r|--rate <EVENTS_PER_SECOND>")]
    [Description("Pace the events at this rate; by default as fast as the host answers.")]
    public double? Rate { get; init; }

    [CommandOption("-D|--distribution <DISTRIBUTION>")]
    [Description("mailgun (the reference stream), uniform:N or zipf:N (N distinct domains, up to 10,000,000). Default mailgun.")]
    public string? Distribution { get; init; }

    /// <summary>True when <c>-d</c> was given a distribution, as before it meant <c>--duration</c>.</summary>
    public bool DistributionGivenToDuration =>
        Duration is { } text && !RunDuration.TryParse(text, out _) && Distribution is null && DistributionSpec.TryParse(text, out _, out _);

    private string EffectiveDistribution => Distribution ?? (DistributionGivenToDuration ? Duration! : "mailgun");

    private TimeSpan? EffectiveDuration => Duration is { } text && RunDuration.TryParse(text, out var duration) ? duration : null;

    [CommandOption("-s|--seed <SEED>")]
    [Description("Seed of the event stream; the same seed gives the same events. Random when omitted (and reported).")]
    public long? Seed { get; init; }

    [CommandOption("--verify")]
    [Description("After sending, GET every generated domain and compare with the expected counts; exit 1 on a mismatch.")]
    public bool Verify { get; init; }

    [CommandOption("--json")]
    [Description("Print the report as JSON (and no progress bar).")]
    public bool Json { get; init; }

    [CommandOption("--threshold <DELIVERIES>")]
    [Description("The host's catch-all threshold, used by --verify to work out the expected status.")]
    [DefaultValue(CatchAllPolicy.DefaultThreshold)]
    public long Threshold { get; init; } = CatchAllPolicy.DefaultThreshold;

    [CommandOption("--check <CONDITION>")]
    [Description("A condition on the report that sets the exit code (1 when violated), as k6's thresholds: p99<50ms, p99.9<=0.2s, mean<10ms, success_ratio>=0.999, rate>=900. Repeatable. (Not --threshold: that is the catch-all threshold.)")]
    public string[] Check { get; init; } = [];

    [CommandOption("--max-retries <COUNT>")]
    [Description("How often one event is sent again after a 503 (with --producer: after any lost answer) before it counts as failed.")]
    [DefaultValue(20)]
    public int MaxRetries { get; init; } = 20;

    [CommandOption("--producer <PREFIX>")]
    [Description("Send as producer sessions: worker i is Producer-Id PREFIX-i, each event its own Producer-Sequence. An event whose answer was lost (transport error, 502, 503, 504) is sent again with its sequence, at most --max-retries times, so the host counts it exactly once and --verify holds across faults. The report counts resends and duplicates.")]
    public string? Producer { get; init; }

    [CommandOption("--timeout <SECONDS>")]
    [Description("How long one request may take before it counts as a transport error.")]
    [DefaultValue(30.0)]
    public double TimeoutSeconds { get; init; } = 30;

    [CommandOption("--no-progress")]
    [Description("No progress bar (it is also off when the output is not a terminal).")]
    public bool NoProgress { get; init; }

    [CommandOption("--dry-run")]
    [Description("Generate the events without sending them, and report how fast the generator alone runs.")]
    public bool DryRun { get; init; }

    public override ValidationResult Validate() =>
        TryCreatePlan(out _, out var error) ? ValidationResult.Success() : ValidationResult.Error(error);

    public bool TryCreatePlan(out LoadPlan plan, out string error)
    {
        plan = null!;
        error = FirstProblem(out var baseUrls, out var distribution) ?? string.Empty;
        var checks = new List<LoadCheck>();
        foreach (var text in Check)
        {
            if (error.Length > 0)
                break;
            if (LoadCheck.TryParse(text, out var check, out var checkError))
                checks.Add(check!);
            else
                error = checkError;
        }
        if (error.Length > 0)
            return false;

        plan = new LoadPlan(
            baseUrls![0],
            Events ?? (EffectiveDuration is null ? DefaultEvents : long.MaxValue),
            Concurrency,
            Rate,
            distribution!,
            Seed ?? Random.Shared.NextInt64(1, 1_000_000),
            Verify,
            new CatchAllPolicy(Threshold),
            MaxRetries,
            TimeSpan.FromSeconds(TimeoutSeconds),
            baseUrls,
            checks,
            EffectiveDuration,
            Producer);
        return true;
    }

    private string? FirstProblem(out List<Uri>? baseUrls, out DistributionSpec? distribution)
    {
        baseUrls = null;
        distribution = null;
        var urls = new List<Uri>();
        foreach (var text in Url.Length == 0 ? [DefaultUrl] : Url)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.Host.Length == 0)
                return $"--url must be an absolute http:// or https:// address such as http://localhost:5080, not '{text}'.";
            if (url.Query.Length > 0 || url.Fragment.Length > 0)
                return $"--url must be the host's base address, without a query or fragment: '{text}'.";
            var path = url.AbsolutePath.EndsWith('/') ? url.AbsolutePath : url.AbsolutePath + "/";
            urls.Add(new UriBuilder(url) { Path = path }.Uri);
        }
        if (Url.Length > Concurrency)
            return $"--concurrency {Concurrency} is fewer workers than the {Url.Length} hosts given with --url.";
        if (Duration is { } durationText && EffectiveDuration is null && !DistributionGivenToDuration)
            return $"--duration must be a length such as 30s, 2m, 1h or 500ms, more than 0 and at most 24h, not '{durationText}'. (The distribution is -D/--distribution.)";
        if (!DistributionSpec.TryParse(EffectiveDistribution, out distribution, out var distributionError))
            return $"--distribution: {distributionError}";
        if (Events < 1)
            return $"--events must be at least 1, not {Events}.";
        if (DryRun && EffectiveDuration is not null)
            return "--dry-run generates a number of events (--events); it cannot be combined with --duration.";
        if (Concurrency is < 1 or > MaxConcurrency)
            return $"--concurrency must be between 1 and {MaxConcurrency:N0}, not {Concurrency}.";
        if (Rate is { } rate && !(rate > 0 && double.IsFinite(rate)))
            return $"--rate must be a positive number of events per second, not {rate}.";
        if (Threshold < 0)
            return $"--threshold must be zero or more, not {Threshold}.";
        if (MaxRetries < 0)
            return $"--max-retries must be zero or more, not {MaxRetries}.";
        if (Producer is { } prefix && (prefix.Length == 0 || prefix.Any(ch => ch is < '!' or > '~')
                || prefix.Length + 1 + (Concurrency - 1).ToString(System.Globalization.CultureInfo.InvariantCulture).Length > MaxProducerIdLength))
            return $"--producer must be visible ASCII characters, short enough that '{prefix}-{Concurrency - 1}' has at most {MaxProducerIdLength} (a Producer-Id's limit), not '{prefix}'.";
        if (!(TimeoutSeconds > 0 && TimeoutSeconds <= 3600))
            return $"--timeout must be more than 0 and at most 3600 seconds, not {TimeoutSeconds}.";
        if (Verify && EffectiveDuration is not null && Events is null && distribution.Kind != DistributionKind.Mailgun)
            return $"--verify with --duration needs --events too for a {distribution.Kind.ToString().ToLowerInvariant()} run (at most {int.MaxValue:N0}), which bounds what it keeps in memory.";
        if (Verify && DryRun)
            return "--verify needs events that were sent; it cannot be combined with --dry-run.";
        if (Verify && distribution.Kind != DistributionKind.Mailgun && Events is > int.MaxValue)
            return $"--verify checks at most {int.MaxValue:N0} events of a {distribution.Kind.ToString().ToLowerInvariant()} run.";

        baseUrls = urls;
        return null;
    }
}
