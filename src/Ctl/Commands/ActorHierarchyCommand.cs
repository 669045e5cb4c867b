using System.ComponentModel;
using Akka.Ingest.Ctl.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Akka.Ingest.Ctl.Commands;

/// <summary><c>actor hierarchy [-d N] [-s PATH]</c>: the live actor tree, one node per actor with its uid and type.</summary>
public sealed class ActorHierarchyCommand(CtlConsoles consoles) : ManagementCommand<ActorHierarchyCommand.Settings>(consoles)
{
    public sealed class Settings : CtlSettings
    {
        public const int MaxDepth = 16;

        [CommandOption("-d|--depth <DEPTH>")]
        [Description("Levels to show below the start path (0-16).")]
        [DefaultValue(4)]
        public int Depth { get; init; } = 4;

        [CommandOption("-s|--start <PATH>")]
        [Description("The actor path to start from, e.g. /user/writers, or /system for Akka's own actors.")]
        [DefaultValue("/user")]
        public string Start { get; init; } = "/user";

        public override ValidationResult Validate() =>
            Depth is < 0 or > MaxDepth ? ValidationResult.Error($"--depth is between 0 and {MaxDepth}.") : base.Validate();
    }

    protected override async Task<int> RunAsync(ManagementClient client, Settings settings, CancellationToken cancellationToken)
    {
        var path = $"admin/actors?path={Uri.EscapeDataString(settings.Start)}&depth={settings.Depth}";
        if (settings.Json)
        {
            WriteJson(await client.GetJsonAsync(path, cancellationToken));
            return ExitCodes.Ok;
        }

        var root = await client.GetAsync<ActorNode>(path, cancellationToken);
        var tree = new Tree(Label(root, root.Path)).Guide(TreeGuide.Line);
        AddChildren(tree, root);
        Out.Write(tree);
        var levels = settings.Depth == 1 ? "1 level" : $"{settings.Depth} levels";
        Out.MarkupLineInterpolated($"[grey]{root.Count} actors, {levels} below {root.Path}[/]");
        return ExitCodes.Ok;
    }

    private static void AddChildren(IHasTreeNodes parent, ActorNode node)
    {
        foreach (var child in node.Children)
            AddChildren(parent.AddNode(Label(child, child.Name)), child);
        if (node.HiddenChildren > 0)
            parent.AddNode(new Markup($"[grey]… {node.HiddenChildren} more below (raise -d)[/]"));
    }

    private static Markup Label(ActorNode node, string name) =>
        new($"[bold]{Markup.Escape(name)}[/] [grey]#{node.Uid}[/]" + (node.Type is { } type ? $" [blue]{Markup.Escape(type)}[/]" : ""));
}
