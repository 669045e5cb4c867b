using System.Text.Json;
using Akka.Ingest.Ctl.Client;
using Spectre.Console;

namespace Akka.Ingest.Ctl.Commands;

/// <summary>
/// <c>health</c>: asks <c>/health/ready</c>. Exit 0 when ready, 1 when the host answers but is not ready, 2 when it
/// cannot be reached: the container's HEALTHCHECK (the runtime image has no curl).
/// </summary>
public sealed class HealthCommand(CtlConsoles consoles, CtlTarget target) : ManagementCommand<CtlSettings>(consoles, target)
{
    public const string Path = "health/ready";

    protected override async Task<int> RunAsync(ManagementClient client, CtlSettings settings, CancellationToken cancellationToken)
    {
        var (status, body) = await client.GetAnyAsync(Path, cancellationToken);
        if (settings.Json)
        {
            if (IsJson(body))
                WriteJson(body);
            else
                Out.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(new { status = $"HTTP {status}" }));
        }
        else
        {
            Out.WriteLine(status == 200 ? "ready" : $"not ready: HTTP {status}{Describe(body)}");
        }
        return status == 200 ? ExitCodes.Ok : ExitCodes.HostError;
    }

    private static bool IsJson(string body)
    {
        try
        {
            using var _ = JsonDocument.Parse(body);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The checks that are not healthy, from the host's health JSON (name and status only).</summary>
    private static string Describe(string body)
    {
        if (!IsJson(body))
            return "";
        using var json = JsonDocument.Parse(body);
        if (!json.RootElement.TryGetProperty("checks", out var checks) || checks.ValueKind != JsonValueKind.Array)
            return "";
        var failing = checks.EnumerateArray()
            .Where(c => c.TryGetProperty("status", out var s) && s.GetString() != "Healthy")
            .Select(c => $"{(c.TryGetProperty("name", out var n) ? n.GetString() : "?")} {c.GetProperty("status").GetString()}")
            .ToList();
        return failing.Count == 0 ? "" : " (" + string.Join(", ", failing) + ")";
    }
}
