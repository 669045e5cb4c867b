using System.Text.Json;
using System.Text.RegularExpressions;
using Akka.Ingest.Ctl;
using Akka.Ingest.Testing;
using Akka.Ingest.Tests.Ctl;

namespace Akka.Ingest.Tests.Deployment;

/// <summary>
/// docker/Dockerfile and docker/compose.yaml, read as files (no Docker engine needed): the image ships ingestctl,
/// its HEALTHCHECK asks ingestctl, compose checks the pipeline the same way and the generator waits for it; and
/// the HEALTHCHECK command itself, run against a host process.
/// </summary>
public sealed partial class DockerFilesSpecs
{
    private static readonly string Dockerfile = RepositoryFiles.Read("docker/Dockerfile");

    /// <summary>The exec form of the Dockerfile's HEALTHCHECK CMD, continuation lines joined.</summary>
    private static IReadOnlyList<string> HealthCheckCommand()
    {
        var joined = Dockerfile.Replace("\\\n", " ");
        var match = HealthCheckLine().Match(joined);
        Assert.True(match.Success, "docker/Dockerfile has a HEALTHCHECK … CMD [\"…\"] line");
        return JsonSerializer.Deserialize<string[]>(match.Groups["exec"].Value)!;
    }

    [Fact]
    public void Should_publish_ingestctl_onto_the_path_of_the_image()
    {
        Assert.Contains("dotnet publish src/Ctl/Akka.Ingest.Ctl.csproj -c Release -o /app/ingestctl", Dockerfile);
        Assert.Contains("ln -s /app/ingestctl/ingestctl /usr/local/bin/ingestctl", Dockerfile);
    }

    [Fact]
    public void Should_check_health_with_ingestctl_at_its_default_address_the_management_listener()
    {
        var command = HealthCheckCommand();

        // No address: ingestctl asks 127.0.0.1:9110, where the image's host listens for management.
        Assert.Equal(["ingestctl", "health"], command.Take(2));
        Assert.Equal(new Uri(CtlTarget.DefaultAddress).Port, new Akka.Ingest.Pipeline.Management.ManagementOptions().Port);
        Assert.DoesNotContain("Management__Host", Dockerfile);
        Assert.DoesNotContain("EXPOSE 9110", Dockerfile);
    }

    [Fact]
    public void Should_check_the_pipeline_in_compose_as_the_image_does_and_start_the_generator_once_it_is_healthy()
    {
        var compose = YamlFile.Load("docker/compose.yaml").Root;

        Assert.Equal(["CMD", .. HealthCheckCommand()], compose.Strings("services.pipeline.healthcheck.test"));
        Assert.Equal("service_healthy", compose.Text("services.generator.depends_on.pipeline.condition"));
        Assert.Equal("9110", compose.Text("services.pipeline.environment.Management__Port"));
        Assert.Null(compose.Find("services.pipeline.environment.Management__Host"));
        Assert.DoesNotContain(compose.Strings("services.pipeline.ports"), port => port.Contains("9110", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_run_the_healthcheck_command_against_a_host_process()
    {
        var database = Path.Combine(Path.GetTempPath(), $"akka-ingest-healthcheck-{Guid.NewGuid():N}.db");
        await using var host = await HostProcess.StartAsync([$"--Ingest:Store:ConnectionString=Data Source={database}"], TimeSpan.FromSeconds(60));
        // The image's command, given the management address this host got instead of the default (9110 would
        // collide with other hosts started by the suite).
        string[] command = [$"127.0.0.1:{host.ManagementAddress.Port}", .. HealthCheckCommand().Skip(1)];

        await Eventually.TrueAsync(() => IngestctlProcess.Run(command).ExitCode == ExitCodes.Ok, TimeSpan.FromSeconds(30),
            "the health check passes once the host is ready");
        var ready = IngestctlProcess.Run(command);
        host.Signal(System.Runtime.InteropServices.PosixSignal.SIGTERM);
        await host.WaitForExitAsync(TimeSpan.FromSeconds(60));
        var gone = IngestctlProcess.Run(command);

        foreach (var file in new[] { database, database + "-wal", database + "-shm" })
            File.Delete(file);

        Assert.Equal("ready", ready.Output.Trim());
        Assert.Equal(ExitCodes.UsageOrUnreachable, gone.ExitCode);
    }

    [GeneratedRegex(@"^HEALTHCHECK\b[^\n]*?\bCMD\s+(?<exec>\[[^\n]*\])", RegexOptions.Multiline)]
    private static partial Regex HealthCheckLine();
}
