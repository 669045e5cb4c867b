using System.Text.Json;
using Akka.Ingest.Ctl.Client;
using Spectre.Console;

namespace Akka.Ingest.Ctl.Commands;

/// <summary>
/// <c>cluster tail</c> (pbm's verb): the membership events as this host sees them, one line each as they happen
/// (the current members first), until Ctrl-C; from <c>/admin/cluster/events</c>. With <c>--json</c>, each
/// event's JSON on a line of its own.
/// </summary>
public sealed class ClusterTailCommand(CtlConsoles consoles, CtlTarget target) : ManagementCommand<CtlSettings>(consoles, target)
{
    protected override async Task<int> RunAsync(ManagementClient client, CtlSettings settings, CancellationToken cancellationToken)
    {
        using var response = await client.OpenStreamAsync("admin/cluster/events", cancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
        var writer = Out.Profile.Out.Writer;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal))
                continue;
            var data = line["data: ".Length..];
            if (settings.Json)
            {
                writer.WriteLine(data);
            }
            else
            {
                var e = JsonSerializer.Deserialize<ClusterEvent>(data, ManagementClient.Json)!;
                writer.WriteLine($"{e.At.ToLocalTime():HH:mm:ss.fff}  {e.Event,-18} {e.Address ?? "-"}{(e.Status is { } status ? "  " + status : "")}");
            }
            writer.Flush();
        }
        Consoles.Error.MarkupLine("[grey]the host closed the event stream[/]");
        return ExitCodes.Ok;
    }

    private sealed record ClusterEvent(DateTimeOffset At, string Event, string? Address, string? Status);
}
