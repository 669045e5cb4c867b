using Akka.Ingest.Ctl;
using Akka.Ingest.Testing;
using Akka.Ingest.Tests.Ctl;

namespace Akka.Ingest.Tests.Management;

/// <summary>
/// ingestctl (its own process) against the host (its own process), end to end: at the management address it
/// works, at the public one <c>/admin</c> is not there, and with no address at all it finds a host on the default
/// management port.
/// </summary>
public sealed class IngestctlAddressSpecs
{
    private const string WriterPath = "/user/writers/lane-0";
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Should_run_against_the_management_port_of_a_host_process_and_not_the_public_one()
    {
        await using var run = await HostRun.StartAsync(defaultManagementPort: false);
        var host = run.Host;

        var management = IngestctlProcess.Run($"127.0.0.1:{host.ManagementAddress.Port}", "actor", "hierarchy", "--flat");
        var onPublic = IngestctlProcess.Run($"127.0.0.1:{host.Address.Port}", "actor", "hierarchy", "--flat");

        Assert.True(management.ExitCode == ExitCodes.Ok, management.Output);
        Assert.Contains(WriterPath, management.Output.Split('\n').Select(line => line.Trim()));
        Assert.Equal(ExitCodes.HostError, onPublic.ExitCode);
        Assert.Contains("404", onPublic.Output);
    }

    /// <summary>
    /// The only spec that binds 9110 (every other host gets a free management port, and the test projects run one
    /// after the other), so it collides only with a host someone runs by hand on the same machine.
    /// </summary>
    [Fact]
    public async Task Should_reach_a_host_on_the_default_management_port_without_an_address()
    {
        await using var run = await HostRun.StartAsync(defaultManagementPort: true);
        var host = run.Host;

        var hierarchy = IngestctlProcess.Run("actor", "hierarchy", "--flat");
        var health = IngestctlProcess.Run("health");

        Assert.True(hierarchy.ExitCode == ExitCodes.Ok, hierarchy.Output);
        Assert.Contains(WriterPath, hierarchy.Output.Split('\n').Select(line => line.Trim()));
        Assert.Equal((ExitCodes.Ok, "ready"), (health.ExitCode, health.Output.Trim()));
        Assert.Equal(ManagementOptionsPort, host.ManagementAddress.Port);
    }

    private static int ManagementOptionsPort => new Uri(CtlTarget.DefaultAddress).Port;

    /// <summary>A host process on a SQLite file of its own, ready; the file is deleted with it.</summary>
    private sealed record HostRun(HostProcess Host, string Database) : IAsyncDisposable
    {
        public static async Task<HostRun> StartAsync(bool defaultManagementPort)
        {
            var database = Path.Combine(Path.GetTempPath(), $"akka-ingest-ctl-{Guid.NewGuid():N}.db");
            var run = new HostRun(await HostProcess.StartAsync([$"--Ingest:Store:ConnectionString=Data Source={database}"], Startup, defaultManagementPort), database);
            try
            {
                // Ready (store, stream, journal) before asking: the writers exist by then.
                await Eventually.TrueAsync(() => IngestctlProcess.Run($"127.0.0.1:{run.Host.ManagementAddress.Port}", "health").ExitCode == ExitCodes.Ok,
                    TimeSpan.FromSeconds(30), "the host becomes ready");
                return run;
            }
            catch
            {
                await run.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Host.DisposeAsync();
            foreach (var file in new[] { Database, Database + "-wal", Database + "-shm" })
                File.Delete(file);
        }
    }
}
