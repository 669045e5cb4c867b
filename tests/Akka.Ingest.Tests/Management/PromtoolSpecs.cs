using System.Diagnostics;
using System.Net;
using Akka.Ingest.Testing;

namespace Akka.Ingest.Tests.Management;

/// <summary>
/// <c>/metrics</c> passes <c>promtool check metrics</c> (Prometheus's own parser and naming lint), framework and
/// runtime series included. Fails, never skips, without promtool (Debian's prometheus package; test.sh installs it).
/// </summary>
[Collection(IngestHostCollection.Name)]
public sealed class PromtoolSpecs
{
    [Fact]
    public async Task Should_serve_metrics_that_promtool_finds_clean()
    {
        await using var host = await ManagementHost.StartAsync(new InMemoryCounterStore(), "--Ingest:Partitions=2");
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.NoContent, (await host.Client.PutAsync($"/events/promtool{i}.example/delivered", null)).StatusCode);
        var scrape = await host.Client.GetStringAsync("/metrics");

        var (exitCode, output) = Promtool.Run(["check", "metrics"], scrape);

        Assert.True(exitCode == 0, $"promtool check metrics: {output}");
        Assert.Contains("dotnet_thread_pool_queue_length", scrape);
        Assert.Contains("kestrel_active_connections", scrape);
    }
}

/// <summary>promtool, found on the PATH; a missing promtool fails the spec that needs it.</summary>
public static class Promtool
{
    public static (int ExitCode, string Output) Run(IReadOnlyList<string> arguments, string? input = null)
    {
        var start = new ProcessStartInfo("promtool", arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new Xunit.Sdk.XunitException($"promtool is needed (Debian package prometheus; test.sh installs it): {e.Message}");
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (input is not null)
                process.StandardInput.Write(input);
            process.StandardInput.Close();
            process.WaitForExit();
            return (process.ExitCode, output.Result + errors.Result);
        }
    }
}
