using System.ComponentModel;
using Akka.Ingest.Ctl.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Akka.Ingest.Ctl.Commands;

/// <summary><c>domain show NAME</c>: a domain's committed counts, its status and the partition that writes it.</summary>
public sealed class DomainShowCommand(CtlConsoles consoles, CtlTarget target) : ManagementCommand<DomainShowCommand.Settings>(consoles, target)
{
    public sealed class Settings : CtlSettings
    {
        [CommandArgument(0, "<NAME>")]
        [Description("The domain, e.g. example.com (normalised by the host).")]
        public string Name { get; init; } = "";
    }

    protected override async Task<int> RunAsync(ManagementClient client, Settings settings, CancellationToken cancellationToken)
    {
        var path = $"admin/domains/{Uri.EscapeDataString(settings.Name)}";
        if (settings.Json)
        {
            WriteJson(await client.GetJsonAsync(path, cancellationToken));
            return ExitCodes.Ok;
        }

        var domain = await client.GetAsync<DomainDetails>(path, cancellationToken);
        var status = domain.Status switch
        {
            "catch-all" => "[yellow]catch-all[/]",
            "not catch-all" => "[green]not catch-all[/]",
            _ => Markup.Escape(domain.Status),
        };
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        grid.AddRow(new Markup("[grey]domain[/]"), new Markup($"[bold]{Markup.Escape(domain.Domain)}[/]"));
        grid.AddRow(new Markup("[grey]status[/]"), new Markup(status));
        grid.AddRow(new Markup("[grey]delivered[/]"), new Text(domain.Delivered.ToString()));
        grid.AddRow(new Markup("[grey]bounced[/]"), new Text(domain.Bounced.ToString()));
        grid.AddRow(new Markup("[grey]threshold[/]"), new Text($"catch-all above {domain.CatchAllThreshold} deliveries with no bounce"));
        grid.AddRow(new Markup("[grey]partition[/]"), new Text(domain.Partition.ToString()));
        Out.Write(grid);
        return ExitCodes.Ok;
    }
}
