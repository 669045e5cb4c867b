using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Akka.Ingest.Ctl;
using Akka.Ingest.Pipeline.Logs;
using Akka.Ingest.Pipeline.Management;
using Akka.Ingest.Testing;
using Akka.Ingest.Tests.Ctl;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Akka.Ingest.Tests.Management;

/// <summary>
/// The host's logs: the minimum level changed at run time (<c>ingestctl log level</c>, <c>PUT /admin/log-level</c>,
/// guarded like every <c>/admin</c> endpoint), the console as JSON by one setting (<c>Logs:Format=json</c>), trace
/// and span ids in an event logged inside a traced request, and an unknown format refused at start.
/// </summary>
[Collection(IngestHostCollection.Name)]
public sealed class LogSettingsSpecs
{
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Should_change_the_log_level_at_run_time_from_ingestctl()
    {
        await using var host = await IngestHost.StartOnTemporarySqliteAsync();
        var url = host.ManagementAddress.ToString().TrimEnd('/');
        var log = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("LogSettingsSpecs");
        var ring = host.Services.GetRequiredService<LogRingBuffer>();

        var (shown, current) = await CapturedConsole.RunAsync("log", "level", "--url", url);
        Assert.Equal((ExitCodes.Ok, "Information"), (shown, current.Trim()));
        log.LogDebug("probe before the change");

        var (set, changed) = await CapturedConsole.RunAsync("log", "level", "debug", "--url", url);
        Assert.Equal((ExitCodes.Ok, "Debug (was Information)"), (set, changed.Trim()));
        log.LogDebug("probe after the change");

        var messages = ring.Last(ring.Capacity).Select(e => e.RenderMessage()).ToList();
        Assert.DoesNotContain("probe before the change", messages);
        Assert.Contains("probe after the change", messages);
        Assert.Contains(messages, m => m.Contains("Log level changed from Information to Debug", StringComparison.Ordinal));
        Assert.Equal(Akka.Event.LogLevel.DebugLevel, host.Services.GetRequiredService<Akka.Actor.ActorSystem>().EventStream.LogLevel);

        var (refused, _) = await CapturedConsole.RunAsync("log", "level", "loud", "--url", url);
        Assert.Equal(ExitCodes.UsageOrUnreachable, refused);
        using var bad = await host.Management.PutAsJsonAsync("/admin/log-level", new { level = "Loud" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        using var number = await host.Management.PutAsJsonAsync("/admin/log-level", new { level = "1" });
        Assert.Equal(HttpStatusCode.BadRequest, number.StatusCode);
    }

    [Fact]
    public async Task Should_guard_the_log_level_like_the_other_admin_endpoints()
    {
        await using var host = await IngestHost.StartAsync(["--Management:Token=level-token"],
            services => services.AddSingleton<IStartupFilter>(new RemoteAddressStartupFilter(IPAddress.Parse("192.0.2.10"))));

        using var put = await host.Management.PutAsJsonAsync("/admin/log-level", new { level = "Verbose" });
        Assert.Equal(HttpStatusCode.Unauthorized, put.StatusCode);
        Assert.Equal(Serilog.Events.LogEventLevel.Information, host.Services.GetRequiredService<LogLevelControl>().Level);
    }

    [Fact]
    public async Task Should_write_json_lines_with_the_trace_and_span_of_a_traced_request()
    {
        await using var host = await HostProcess.StartAsync(
            ["--Logs:Format=json", "--OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:9", "--Ingest:Store:ConnectionString=Data Source=" + TemporaryDatabase()],
            Startup);
        using var client = new HttpClient { BaseAddress = host.ManagementAddress };

        using var traceparent = new HttpRequestMessage(HttpMethod.Put, "/admin/log-level") { Content = JsonContent.Create(new { level = "Warning" }) };
        traceparent.Headers.Add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(traceparent)).StatusCode);

        JsonElement? changed = null;
        await Eventually.TrueAsync(() => (changed = JsonLines(host.Output).FirstOrDefault(IsLevelChange)) is not null,
            TimeSpan.FromSeconds(10), "the level change is logged");
        var line = changed!.Value;
        Assert.Equal("Warning", line.GetProperty("@l").GetString());
        Assert.Equal("4bf92f3577b34da6a3ce929d0e0e4736", line.GetProperty("@tr").GetString());
        Assert.Matches("^[0-9a-f]{16}$", line.GetProperty("@sp").GetString());
        Assert.NotEqual("00f067aa0ba902b7", line.GetProperty("@sp").GetString());

        // Every line the host wrote is one JSON object (the start-up lines included).
        var lines = host.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(l).RootElement.ValueKind));
        Assert.Contains(JsonLines(host.Output), l => l.GetProperty("@m").GetString()!.StartsWith("Now listening on", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_refuse_an_unknown_log_format_at_start()
    {
        var (exitCode, output) = await HostProcess.RunToExitAsync(["--Logs:Format=xml"], Startup);

        Assert.Equal(1, exitCode);
        Assert.Contains("Logs:Format must be text or json, not 'xml'", output);
    }

    private static bool IsLevelChange(JsonElement line) =>
        line.TryGetProperty("@m", out var message) && message.GetString()!.StartsWith("Log level changed", StringComparison.Ordinal);

    private static IEnumerable<JsonElement> JsonLines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith('{'))
            .Select(l => JsonDocument.Parse(l).RootElement.Clone());

    private static string TemporaryDatabase() => Path.Combine(Path.GetTempPath(), $"akka-ingest-logs-{Guid.NewGuid():N}.db");
}
