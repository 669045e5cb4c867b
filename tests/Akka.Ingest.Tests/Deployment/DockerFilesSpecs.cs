using System.Text.Json;
using System.Text.RegularExpressions;
using Akka.Ingest.Ctl;
using Akka.Ingest.Testing;

namespace Akka.Ingest.Tests.Deployment;

/// <summary>
/// docker/Dockerfile and docker/compose.yaml, read as files (no Docker engine needed): the image ships ingestctl,
/// its HEALTHCHECK asks /health/ready with bash alone (no .NET process per check), compose checks the pipeline the
/// same way and the generator waits for it; and the HEALTHCHECK command itself, run against a host process.
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
    public void Should_check_health_without_starting_a_dotnet_process_at_the_management_listener()
    {
        var command = HealthCheckCommand();

        // bash's /dev/tcp: no curl or wget in the runtime image, and no .NET process per check.
        Assert.Equal(["bash", "-c"], command.Take(2));
        Assert.DoesNotContain(command, part => part.Contains("ingestctl", StringComparison.Ordinal) || part.Contains("dotnet", StringComparison.Ordinal));
        var port = new Akka.Ingest.Pipeline.Management.ManagementOptions().Port;
        Assert.Contains($"/dev/tcp/127.0.0.1/{port}", command[2]);
        Assert.Contains("GET /health/ready ", command[2]);
        Assert.Equal(new Uri(CtlTarget.DefaultAddress).Port, port);
        Assert.DoesNotContain("Management__Host", Dockerfile);
        Assert.DoesNotContain("EXPOSE 9110", Dockerfile);
        Assert.Matches(@"HEALTHCHECK --interval=(1\d|[2-9]\d)s", Dockerfile);
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
        // The image's command, pointed at the management port this host got instead of the default (9110 would
        // collide with other hosts started by the suite).
        var defaultPort = new Akka.Ingest.Pipeline.Management.ManagementOptions().Port;
        var command = HealthCheckCommand().Select(part => part.Replace($"/127.0.0.1/{defaultPort}", $"/127.0.0.1/{host.ManagementAddress.Port}", StringComparison.Ordinal)).ToArray();

        await Eventually.TrueAsync(() => Run(command) == 0, TimeSpan.FromSeconds(30), "the health check passes once the host is ready");
        var ready = Run(command);
        var otherPath = Run(command.Select(part => part.Replace("/health/ready", "/health/nothing-here", StringComparison.Ordinal)).ToArray());
        host.Signal(System.Runtime.InteropServices.PosixSignal.SIGTERM);
        await host.WaitForExitAsync(TimeSpan.FromSeconds(60));
        var gone = Run(command);

        foreach (var file in new[] { database, database + "-wal", database + "-shm" })
            File.Delete(file);

        Assert.Equal(0, ready);
        Assert.NotEqual(0, otherPath); // a 404 is not healthy: the check reads the status
        Assert.NotEqual(0, gone);
    }

    private static int Run(string[] command)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(command[0], command[1..])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode;
    }

    [GeneratedRegex(@"^HEALTHCHECK\b[^\n]*?\bCMD\s+(?<exec>\[[^\n]*\])", RegexOptions.Multiline)]
    private static partial Regex HealthCheckLine();
}
