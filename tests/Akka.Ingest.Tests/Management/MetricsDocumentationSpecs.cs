using System.Net;
using System.Text.RegularExpressions;
using Akka.Ingest.Testing;

namespace Akka.Ingest.Tests.Management;

/// <summary>
/// The README's table of <c>/metrics</c> series is what a host serves: every row served with its type, every
/// served ingest or framework series documented, docs/INSPECTION.md's table the same, units in the names and no
/// negative sentinels.
/// </summary>
[Collection(IngestHostCollection.Name)]
public sealed partial class MetricsDocumentationSpecs
{
    /// <summary>Rows served only with the PostgreSQL store (Npgsql's meter) or once something has happened.</summary>
    private static readonly string[] NotAlwaysServed = ["PostgreSQL store only", "served once"];

    /// <summary>Families the table must cover; process_*, dotnet_* and prometheus-net's own are described in prose.</summary>
    private static readonly string[] DocumentedPrefixes = ["ingest_", "http_", "kestrel_", "dotnet_", "db_client_", "microsoft_aspnetcore_", "npgsql_"];

    [Fact]
    public async Task Should_serve_exactly_the_series_the_readme_documents()
    {
        var documented = Table(RepositoryFiles.Read("README.md"));
        await using var host = await ManagementHost.StartAsync(new InMemoryCounterStore(), "--Ingest:Partitions=2");
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.NoContent, (await host.Client.PutAsync($"/events/docs{i}.example/delivered", null)).StatusCode);
        await host.Client.GetAsync("/domains/docs0.example");

        // The framework meters publish as their instruments report; a scrape or two may pass before all have.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        Dictionary<string, string> served;
        List<string> missing;
        do
        {
            served = Families(await host.Client.GetStringAsync("/metrics"));
            missing = documented.Where(r => AlwaysServed(r) && !served.ContainsKey(r.Name)).Select(r => r.Name).ToList();
        }
        while (missing.Count > 0 && DateTime.UtcNow < deadline && await Task.Delay(100).ContinueWith(_ => true));
        Assert.True(missing.Count == 0, $"documented but not served: {string.Join(", ", missing)}; served: {string.Join(", ", served.Keys)}");

        foreach (var row in documented.Where(AlwaysServed))
            Assert.True(served[row.Name] == row.Type, $"{row.Name} is served as a {served[row.Name]}, documented as a {row.Type}");
        var undocumented = served.Keys.Where(name => DocumentedPrefixes.Any(name.StartsWith) && !documented.Any(r => Covers(r, name))).ToList();
        Assert.True(undocumented.Count == 0, "served but not in the README's table: " + string.Join(", ", undocumented));
    }

    [Fact]
    public void Should_keep_the_inspection_guide_table_equal_to_the_readme()
    {
        Assert.Equal(Table(RepositoryFiles.Read("README.md")), Table(RepositoryFiles.Read("docs/INSPECTION.md")));
    }

    [Fact]
    public void Should_name_the_unit_of_every_ingest_series()
    {
        var ingest = Table(RepositoryFiles.Read("README.md")).Where(r => r.Name.StartsWith("ingest_", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(ingest);
        // A count names what it counts (members, partitions owned); a 0/1 gauge says what is true (running, is_leader).
        Assert.All(ingest, row => Assert.Matches("_(events|domains|transitions|seconds|total|info|running|members|is_leader|owned)$", row.Name));
        Assert.All(ingest, row => Assert.DoesNotContain("-1", row.Meaning));
    }

    [Fact]
    public async Task Should_leave_out_series_that_have_no_value_on_this_node_rather_than_publish_a_sentinel()
    {
        await using var host = await ManagementHost.StartAsync(new InMemoryCounterStore(), "--Ingest:StatusFeed:RunRelay=false");

        var before = await host.Client.GetStringAsync("/metrics");
        Assert.Equal(HttpStatusCode.NoContent, (await host.Client.PutAsync("/events/first.example/delivered", null)).StatusCode);
        var after = await host.Client.GetStringAsync("/metrics");

        Assert.DoesNotContain("\ningest_status_relay_lag_transitions ", after);
        Assert.DoesNotContain("\ningest_last_commit_timestamp_seconds ", before);
        var committedAt = double.Parse(Regex.Match(after, @"\ningest_last_commit_timestamp_seconds (\S+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(committedAt, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds());
        Assert.DoesNotMatch(@"\ningest_\S+ -", after);
        Assert.Matches(@"\ningest_build_info\{version=""[^""]+"",akka_version=""[^""]+"",runtime=""\.NET [^""]+""\} 1\n", after);
    }

    private static bool AlwaysServed(Row row) => !NotAlwaysServed.Any(row.Meaning.Contains) && !row.Name.EndsWith('*');

    /// <summary>A row names one series, or with a trailing <c>*</c> every series that starts so.</summary>
    private static bool Covers(Row row, string name) => row.Name.EndsWith('*') ? name.StartsWith(row.Name[..^1], StringComparison.Ordinal) : row.Name == name;

    private sealed record Row(string Name, string Type, string Meaning);

    /// <summary>The rows of the series table (the one headed "| series | type | labels | meaning |").</summary>
    private static List<Row> Table(string markdown)
    {
        var lines = markdown.Split('\n');
        var header = Array.FindIndex(lines, l => l.StartsWith("| series | type | labels | meaning |", StringComparison.Ordinal));
        Assert.True(header >= 0, "no series table");
        return lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|'))
            .Select(l => l.Split(" | "))
            .Select(cells => new Row(SeriesName().Match(cells[0]).Groups[1].Value, cells[1].Trim(), cells[^1].TrimEnd(' ', '|')))
            .ToList();
    }

    /// <summary>Family name → type, from the <c># TYPE</c> lines of a scrape.</summary>
    private static Dictionary<string, string> Families(string scrape) =>
        TypeLine().Matches(scrape).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["type"].Value);

    [GeneratedRegex(@"`([a-z_:][a-z0-9_:]*\*?)`")]
    private static partial Regex SeriesName();

    [GeneratedRegex(@"^# TYPE (?<name>\S+) (?<type>\S+)$", RegexOptions.Multiline)]
    private static partial Regex TypeLine();
}
