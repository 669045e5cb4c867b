using Akka.Ingest.Testing;

namespace Akka.Ingest.Tests.Hostile;

/// <summary>Bad configuration stops the host with one clear line and a non-zero exit code, never a stack trace alone.</summary>
public sealed class ConfigurationErrorSpecs
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("--Ingest:Partitions=0", "Partitions must be between 1 and 256")]
    [InlineData("--Ingest:Partitions=abc", "'abc' at 'Ingest:Partitions'")]
    [InlineData("--Ingest:RequestTimeout=-00:00:01", "Ingest:RequestTimeout must be positive")]
    [InlineData("--Ingest:RequestTimeout=30.00:00:00", "Ingest:RequestTimeout must be positive and at most 1.00:00:00")]
    [InlineData("--Ingest:WriteTimeout=10675199.02:48:05.4775807", "Ingest:WriteTimeout must be positive and at most 1.00:00:00")]
    [InlineData("--Ingest:DrainTimeout=-00:00:01", "Ingest:DrainTimeout must be positive and at most 1.00:00:00")]
    [InlineData("--Ingest:WriterMinBackoff=00:00:10", "WriterMinBackoff must be positive and at most")]
    [InlineData("--Ingest:Store:LockTimeout=00:00:00", "Ingest:Store:LockTimeout must be positive and at most 1.00:00:00")]
    [InlineData("--Ingest:Store:LockTimeout=-00:00:01", "Ingest:Store:LockTimeout must be positive and at most 1.00:00:00")]
    [InlineData("--Ingest:Store:StatementTimeout=00:00:00", "Ingest:Store:StatementTimeout must be positive and at most 1.00:00:00")]
    [InlineData("--Ingest:StallThreshold=00:00:00", "Ingest:StallThreshold must be positive and at most 1.00:00:00")]
    [InlineData("--Ingest:AdmissionWait=-00:00:01", "Ingest:AdmissionWait must be positive and at most 1.00:00:00")]
    [InlineData("--Ingest:Cluster:OwnerTimeout=30.00:00:00", "Ingest:Cluster:OwnerTimeout must be at most 1.00:00:00")]
    [InlineData("--Ingest:CommitWindow=-00:00:00.001", "Ingest:CommitWindow must be zero or positive")]
    [InlineData("--Ingest:MaxCommitWindow=00:00:05", "Ingest:MaxCommitWindow at least Ingest:CommitWindow and at most 00:00:01")]
    [InlineData("--Ingest:CommitWindow=00:00:00.050", "Ingest:MaxCommitWindow at least Ingest:CommitWindow")]
    [InlineData("--Ingest:Store:ReadPoolSize=0", "Ingest:Store:ReadPoolSize and JournalPoolSize must be between 1 and 1000")]
    [InlineData("--Ingest:Store:ReadPoolWait=00:00:00", "Ingest:Store:ReadPoolWait positive")]
    [InlineData("--Dashboard:SampleInterval=00:00:00", "Dashboard:SampleInterval must be at least 100 ms")]
    [InlineData("--Ingest:StatusFeed:PollInterval=00:00:00", "Ingest:StatusFeed:PollInterval must be positive")]
    [InlineData("--Ingest:Store:ReadStatementTimeout=00:00:00", "Ingest:Store:ReadStatementTimeout must be positive")]
    [InlineData("--Ingest:StatusFeed:IdlePollInterval=00:00:00.100", "Ingest:StatusFeed:IdlePollInterval at least PollInterval")]
    [InlineData("--Ingest:StatusFeed:RelayLeaseRetryInterval=00:00:00", "Ingest:StatusFeed:RelayLeaseRetryInterval must be between 00:00:00.1000000 and 00:10:00")]
    public async Task Should_refuse_invalid_numbers(string argument, string expected) =>
        await AssertRefusedAsync([argument], expected);

    [Theory]
    [InlineData("--Ingest:Store:LedgerRetention=00:00:00")]
    [InlineData("--Ingest:Store:LedgerRetention=-1.00:00:00")]
    [InlineData("--Ingest:Store:LedgerRetention=00:10:00")]
    public async Task Should_refuse_a_ledger_retention_shorter_than_an_hour(string argument) =>
        await AssertRefusedAsync([argument], "Ingest:Store:LedgerRetention must be at least 01:00:00");

    [Theory]
    [InlineData("--Ingest:Store:ProducerRetention=00:00:00")]
    [InlineData("--Ingest:Store:ProducerRetention=00:59:59")]
    public async Task Should_refuse_a_producer_retention_shorter_than_an_hour(string argument) =>
        await AssertRefusedAsync([argument], "Ingest:Store:ProducerRetention must be at least 01:00:00");

    [Fact]
    public async Task Should_refuse_a_malformed_connection_string() =>
        await AssertRefusedAsync(["--store", "Postgres", "--connection-string", "this is not one"],
            "Ingest:Store:ConnectionString is not a valid Postgres connection string");

    [Fact]
    public async Task Should_say_what_it_waits_for_and_give_up_on_an_unreachable_database()
    {
        var output = await AssertRefusedAsync(
            ["--store", "Postgres", "--connection-string", "Host=/nonexistent-socket-dir;Username=x;Timeout=1", "--Ingest:StoreStartupTimeout=00:00:02"],
            "did not answer within 00:00:02 (Ingest:StoreStartupTimeout)");
        Assert.Contains("Waiting for the store postgres", output);
    }

    [Fact]
    public async Task Should_refuse_another_catch_all_threshold_than_the_database_was_built_with()
    {
        var file = Path.Combine(Path.GetTempPath(), $"akka-ingest-threshold-{Guid.NewGuid():N}.db");
        try
        {
            await using (var first = await HostProcess.StartAsync(["--connection-string", $"Data Source={file}"], Timeout))
            {
                first.Signal(System.Runtime.InteropServices.PosixSignal.SIGTERM);
                await first.WaitForExitAsync(Timeout);
            }

            await AssertRefusedAsync(["--connection-string", $"Data Source={file}", "--threshold", "10"],
                "was written with Ingest:CatchAllThreshold=1000, this host is configured with 10");
        }
        finally
        {
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
                File.Delete(path);
        }
    }

    private static async Task<string> AssertRefusedAsync(string[] args, string expected)
    {
        var (exitCode, output) = await HostProcess.RunToExitAsync(args, Timeout);

        Assert.NotEqual(0, exitCode);
        var fatal = output.Split('\n').Where(line => line.Contains("FTL", StringComparison.Ordinal)).ToArray();
        Assert.True(fatal.Length == 1, $"expected one fatal line:\n{output}");
        Assert.Contains(expected, fatal[0]);
        Assert.DoesNotContain("   at ", output);
        return output;
    }
}
