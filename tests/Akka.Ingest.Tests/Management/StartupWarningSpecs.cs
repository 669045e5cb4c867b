using Akka.Ingest.Testing;

namespace Akka.Ingest.Tests.Management;

/// <summary>The start-up warning when the host listens beyond loopback and /admin has no token.</summary>
[Collection(IngestHostCollection.Name)]
public sealed class StartupWarningSpecs
{
    private const string Warning = "Listening beyond loopback without Management:Token";

    [Fact]
    public async Task Should_warn_when_listening_on_every_interface_without_a_token()
    {
        await using var host = await IngestHost.StartAsync(["--urls", "http://0.0.0.0:0"]);
        using var loopback = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{host.Address.Port}") };
        loopback.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "s3cret");

        Assert.Contains(Warning, await loopback.GetStringAsync("/admin/logs?n=200"));
    }

    [Theory]
    [InlineData("--Management:Token=s3cret")]
    [InlineData("--Ingest:Partitions=1")]
    public async Task Should_not_warn_with_a_token_or_on_loopback(string argument)
    {
        string[] args = argument.StartsWith("--Management", StringComparison.Ordinal) ? ["--urls", "http://0.0.0.0:0", argument] : [argument];
        await using var host = await IngestHost.StartAsync(args);
        using var loopback = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{host.Address.Port}") };
        loopback.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "s3cret");

        Assert.DoesNotContain(Warning, await loopback.GetStringAsync("/admin/logs?n=200"));
    }
}
