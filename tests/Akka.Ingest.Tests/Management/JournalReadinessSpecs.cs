using System.Text.Json;
using Akka.Ingest.Testing;

namespace Akka.Ingest.Tests.Management;

/// <summary>The status feed's journal (Akka.Persistence.Sql) is one of the readiness checks.</summary>
public sealed class JournalReadinessSpecs
{
    [Fact]
    public async Task Should_count_the_journal_among_the_readiness_checks_without_quoting_it()
    {
        await using var host = await IngestHost.StartOnTemporarySqliteAsync();

        using var ready = JsonDocument.Parse(await host.Client.GetStringAsync("/health/ready"));

        var journal = ready.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "journal");
        Assert.Equal("Healthy", journal.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, journal.GetProperty("description").ValueKind);
    }
}
