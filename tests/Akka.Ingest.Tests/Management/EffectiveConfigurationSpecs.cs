using System.Net.Http.Json;
using Akka.Ingest.Pipeline.Management;
using Akka.Ingest.Testing;

namespace Akka.Ingest.Tests.Management;

/// <summary><c>/admin/config</c>: effective settings, defaults included, secrets never shown.</summary>
[Collection(IngestHostCollection.Name)]
public sealed class EffectiveConfigurationSpecs
{
    [Theory]
    [InlineData("Host=db.internal;Port=5432;Database=ingest;Username=ingest;Password=hunter2", "hunter2", "db.internal")]
    [InlineData("Host=db;Username=u;PWD=hunter2;SSL Password=other-secret", "hunter2", "host=db")]
    [InlineData("Data Source=/var/lib/ingest.db", null, "Data Source=/var/lib/ingest.db")]
    [InlineData("Host=db.internal;Username=ingest;PSW=hunter2;Database=ingest", "hunter2", "db.internal")]
    public void Should_mask_only_the_secret_parts_of_a_connection_string(string connectionString, string? secret, string kept)
    {
        var redacted = SecretRedaction.Redact("Ingest:Store:ConnectionString", connectionString)!;

        if (secret is not null)
            Assert.DoesNotContain(secret, redacted);
        Assert.DoesNotContain("other-secret", redacted);
        Assert.Contains(kept, redacted, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Management:Token", "abc", SecretRedaction.Mask)]
    [InlineData("Serilog:WriteTo:1:Args:apiKey", "abc", SecretRedaction.Mask)]
    [InlineData("Serilog:WriteTo:1:Args:connectionString", "Server=x;Password=p", "server=x;password=***")]
    [InlineData("Ingest:Store:ConnectionString", "Host=x;Password=\"unclosed", SecretRedaction.Mask)]
    [InlineData("Ingest:Partitions", "4", "4")]
    [InlineData("Management:Token", null, null)]
    public void Should_mask_settings_named_as_secrets(string key, string? value, string? shown) =>
        Assert.Equal(shown, SecretRedaction.Redact(key, value));

    [Theory]
    [InlineData("Serilog:WriteTo:2:Args:serverUrl", "https://ingest:hunter2@seq.internal:5341/", "hunter2", "https://ingest:***@seq.internal:5341/")]
    [InlineData("Alerts:Webhook", "https://hooks.example/send?channel=ops&token=hunter2", "hunter2", "https://hooks.example/send?channel=ops&token=***")]
    [InlineData("Alerts:Webhook", "https://hooks.example/send?api_key=hunter2&x-amz-signature=also", "hunter2", "https://hooks.example/send?api_key=***&x-amz-signature=***")]
    [InlineData("Serilog:WriteTo:2:Args:serverUrl", "https://ghp_hunter2@git.example/repo", "hunter2", "https://***@git.example/repo")]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317", null, "http://collector:4317")]
    [InlineData("Ingest:Store:Path", "/var/lib/ingest?token=not-a-url", null, "/var/lib/ingest?token=not-a-url")]
    [InlineData("Ingest:Cluster:SeedNodes:0", "akka.tcp://akka-ingest@node1:4053", null, "akka.tcp://akka-ingest@node1:4053")]
    [InlineData("Ingest:Cluster:SeedNodes:0", "akka.ssl.tcp://akka-ingest@node1:4053", null, "akka.ssl.tcp://akka-ingest@node1:4053")]
    public void Should_mask_a_password_or_a_secret_query_parameter_inside_a_url(string key, string value, string? secret, string shown)
    {
        var redacted = SecretRedaction.Redact(key, value);

        Assert.Equal(shown, redacted);
        if (secret is not null)
            Assert.DoesNotContain(secret, redacted);
    }

    [Fact]
    public async Task Should_show_bound_defaults_and_overrides_with_the_token_masked()
    {
        await using var host = await ManagementHost.StartAsync(new InMemoryCounterStore(),
            "--Ingest:Partitions=3", "--Management:Token=do-not-show-me",
            "--Ingest:Cluster:Tls:CertificatePath=/etc/akka-ingest/cluster-tls/cluster.p12", "--Ingest:Cluster:Tls:CertificatePassword=do-not-show-either");
        host.Management.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "do-not-show-me");

        var body = await host.Management.GetStringAsync("/admin/config");
        var config = await host.Management.GetFromJsonAsync<ConfigView>("/admin/config", ManagementHost.Json);

        Assert.DoesNotContain("do-not-show-me", body);
        Assert.DoesNotContain("do-not-show-either", body);
        Assert.Equal(SecretRedaction.Mask, config!.Settings["Management:Token"]);
        Assert.Equal(SecretRedaction.Mask, config.Settings["Ingest:Cluster:Tls:CertificatePassword"]);
        Assert.Equal("/etc/akka-ingest/cluster-tls/cluster.p12", config.Settings["Ingest:Cluster:Tls:CertificatePath"]);
        Assert.Equal("3", config.Settings["Ingest:Partitions"]);
        Assert.Equal("00:00:05", config.Settings["Ingest:RequestTimeout"]);
        Assert.Equal("1000", config.Settings["Management:LogCapacity"]);
        Assert.Equal(host.Address.ToString().TrimEnd('/'), config.Settings["Urls"]);
        Assert.Equal(host.ManagementAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), config.Settings["Management:Port"]);
        Assert.Equal("127.0.0.1", config.Settings["Management:Host"]);
        Assert.DoesNotContain(config.Settings.Keys, k => k.StartsWith("PATH", StringComparison.OrdinalIgnoreCase));
    }
}
