using Akka.Ingest.Testing;

namespace Akka.Ingest.Tests.Management;

/// <summary>
/// A management listener that would be open beyond loopback without a token, or that shares the public port,
/// stops the host at start-up with one clear line and a non-zero exit (the host as its own process).
/// </summary>
public sealed class ManagementListenerStartupSpecs
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("192.0.2.10")]
    public async Task Should_refuse_to_start_with_a_widened_management_host_and_no_token(string address)
    {
        var output = await AssertRefusedAsync([$"--Management:Host={address}"]);

        Assert.Contains("Management:Host beyond loopback", output);
        Assert.Contains("set Management:Token", output);
    }

    [Theory]
    [InlineData("change-me")]
    [InlineData("CHANGE-ME-CHANGE-ME-CHANGE-ME")]
    [InlineData("short-token-23-chars-xx")]
    public async Task Should_refuse_a_placeholder_or_short_token_on_a_widened_management_host(string token)
    {
        var output = await AssertRefusedAsync(["--Management:Host=0.0.0.0", $"--Management:Token={token}"]);

        Assert.Contains("Management:Token", output);
        Assert.Contains("at least 24 characters", output);
        Assert.DoesNotContain(token, output);
    }

    [Fact]
    public async Task Should_refuse_a_management_host_that_is_not_an_address() =>
        await AssertRefusedAsync(["--Management:Host=ops.example", "--Management:Token=t"], "Management:Host must be an IP address or localhost");

    [Fact]
    public async Task Should_refuse_a_public_address_on_the_management_port()
    {
        var port = FreePort.Next();

        await AssertRefusedAsync(["--urls", $"http://127.0.0.1:{port}", $"--Management:Port={port}"],
            $"uses Management:Port ({port}): give the management listener a port of its own");
    }

    private static async Task<string> AssertRefusedAsync(string[] args, string? expected = null)
    {
        var (exitCode, output) = await HostProcess.RunToExitAsync(args, Timeout);

        Assert.NotEqual(0, exitCode);
        var fatal = output.Split('\n').Where(line => line.Contains("FTL", StringComparison.Ordinal)).ToArray();
        Assert.True(fatal.Length == 1, $"expected one fatal line:\n{output}");
        if (expected is not null)
            Assert.Contains(expected, fatal[0]);
        Assert.DoesNotContain("   at ", output);
        return fatal[0];
    }
}
