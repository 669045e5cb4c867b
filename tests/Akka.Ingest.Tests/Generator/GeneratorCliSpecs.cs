using System.Net;
using System.Net.Sockets;

namespace Akka.Ingest.Tests.Generator;

public sealed class GeneratorCliSpecs
{
    [Theory]
    [InlineData("--events -5", "--events must be at least 1")]
    [InlineData("--events 0", "--events must be at least 1")]
    [InlineData("--events many", "Failed to convert 'many'")]
    [InlineData("--concurrency 0", "--concurrency must be between 1 and 10,000")]
    [InlineData("--concurrency 20000", "--concurrency must be between 1 and 10,000")]
    [InlineData("--distribution poisson", "Unknown distribution 'poisson'")]
    [InlineData("--distribution uniform:0", "between 1 and 10,000,000")]
    [InlineData("--url not-a-url", "--url must be an absolute http:// or https:// address")]
    [InlineData("--url ftp://localhost:5080", "--url must be an absolute http:// or https:// address")]
    [InlineData("--rate 0", "--rate must be a positive number")]
    [InlineData("--max-retries -1", "--max-retries must be zero or more")]
    [InlineData("--verify --dry-run", "cannot be combined with --dry-run")]
    [InlineData("--producer a\tb", "--producer must be visible ASCII characters")]
    [InlineData("--concurrency 100 --producer 01234567890123456789012345678901234567890123456789012345678901", "has at most 64")]
    [InlineData("--no-such-option", "Unknown option 'no-such-option'")]
    public async Task Should_reject_bad_arguments_with_exit_code_2(string args, string message)
    {
        var run = await CliRun.RunAsync(args.Split(' '));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Error);
        Assert.Equal(string.Empty, run.Output);
    }

    [Fact]
    public async Task Should_report_an_unreachable_host_with_exit_code_2()
    {
        var url = $"http://127.0.0.1:{ClosedPort()}";

        var run = await CliRun.RunAsync("--url", url, "--events", "10");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"Cannot reach {url}/", run.Error);
        Assert.Equal(string.Empty, run.Output);
    }

    [Fact]
    public async Task Should_print_help_with_exit_code_0()
    {
        var run = await CliRun.RunAsync("--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("--distribution", run.Output);
        Assert.Contains("--verify", run.Output);
    }

    [Fact]
    public async Task Should_generate_without_sending_on_a_dry_run()
    {
        var run = await CliRun.RunAsync("--dry-run", "--events", "100000", "--seed", "5", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(100_000, run.Json().GetProperty("events").GetInt64());
        Assert.Equal(5, run.Json().GetProperty("seed").GetInt64());
    }

    private static int ClosedPort()
    {
        // Bind an ephemeral port and release it: nothing listens there for the moment the test needs.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
