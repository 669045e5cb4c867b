using Akka.Ingest.Ctl.Client;
using Spectre.Console;

namespace Akka.Ingest.Ctl.Commands;

/// <summary><c>config show</c>: the settings the host runs with, as <c>Section:Key</c> (secrets redacted by the host).</summary>
public sealed class ConfigShowCommand(CtlConsoles consoles, CtlTarget target) : ManagementCommand<CtlSettings>(consoles, target)
{
    protected override async Task<int> RunAsync(ManagementClient client, CtlSettings settings, CancellationToken cancellationToken)
    {
        const string path = "admin/config";
        if (settings.Json)
        {
            WriteJson(await client.GetJsonAsync(path, cancellationToken));
            return ExitCodes.Ok;
        }

        var config = await client.GetAsync<ConfigSettings>(path, cancellationToken);
        var table = new Table().Border(TableBorder.Rounded).AddColumn("setting").AddColumn("value");
        foreach (var (key, value) in config.Settings.OrderBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase))
            table.AddRow(new Text(key), value is null ? new Markup("[grey](unset)[/]") : new Text(value));
        Out.Write(table);
        return ExitCodes.Ok;
    }
}
