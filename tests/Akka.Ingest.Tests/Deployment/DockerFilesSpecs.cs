using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Akka.Ingest.Ctl;
using Akka.Ingest.Testing;

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
    public void Should_check_health_with_ingestctl_on_the_port_the_image_listens_on()
    {
        var command = HealthCheckCommand();
        var port = Regex.Match(Dockerfile, @"ASPNETCORE_URLS=http://0\.0\.0\.0:(\d+)").Groups[1].Value;

        Assert.Equal(["ingestctl", $"127.0.0.1:{port}", "health"], command.Take(3));
    }

    [Fact]
    public void Should_check_the_pipeline_in_compose_as_the_image_does_and_start_the_generator_once_it_is_healthy()
    {
        var compose = YamlFile.Load("docker/compose.yaml").Root;

        Assert.Equal(["CMD", .. HealthCheckCommand()], compose.Strings("services.pipeline.healthcheck.test"));
        Assert.Equal("service_healthy", compose.Text("services.generator.depends_on.pipeline.condition"));
        Assert.Equal("9110", compose.Text("services.pipeline.environment.Management__Port"));
        Assert.Null(compose.Find("services.pipeline.environment.Management__Host"));
    }

    [Fact]
    public async Task Should_run_the_healthcheck_command_against_a_host_process()
    {
        var database = Path.Combine(Path.GetTempPath(), $"akka-ingest-healthcheck-{Guid.NewGuid():N}.db");
        await using var host = await HostProcess.StartAsync([$"--Ingest:Store:ConnectionString=Data Source={database}"], TimeSpan.FromSeconds(60));
        // The image's command, with the port this host got instead of the image's fixed one.
        var command = HealthCheckCommand().ToArray();
        command[1] = $"127.0.0.1:{host.Address.Port}";

        await Eventually.TrueAsync(() => RunIngestctl(command[1..]).ExitCode == ExitCodes.Ok, TimeSpan.FromSeconds(30),
            "the health check passes once the host is ready");
        var ready = RunIngestctl(command[1..]);
        host.Signal(System.Runtime.InteropServices.PosixSignal.SIGTERM);
        await host.WaitForExitAsync(TimeSpan.FromSeconds(60));
        var gone = RunIngestctl(command[1..]);

        foreach (var file in new[] { database, database + "-wal", database + "-shm" })
            File.Delete(file);

        Assert.Equal("ready", ready.Output.Trim());
        Assert.Equal(ExitCodes.UsageOrUnreachable, gone.ExitCode);
    }

    /// <summary>The built ingestctl, as its own process, as the container runs it.</summary>
    private static (int ExitCode, string Output) RunIngestctl(string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ingestctl.dll"));
        foreach (var argument in args)
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    [GeneratedRegex(@"^HEALTHCHECK\b[^\n]*?\bCMD\s+(?<exec>\[[^\n]*\])", RegexOptions.Multiline)]
    private static partial Regex HealthCheckLine();
}
