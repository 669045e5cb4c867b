using System.ComponentModel;
using Akka.Ingest.Ctl.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Akka.Ingest.Ctl.Commands;

/// <summary>
/// <c>actor hierarchy [-d N] [-s PATH] [--flat|--tree]</c>: the live actor tree, one node per actor with its uid and
/// type, on a terminal; one full actor path per line (grep-able, as pbm prints it) when piped or with <c>--flat</c>.
/// </summary>
public sealed class ActorHierarchyCommand(CtlConsoles consoles, CtlTarget target) : ManagementCommand<ActorHierarchyCommand.Settings>(consoles, target)
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

        [CommandOption("--flat")]
        [Description("One full actor path per line (the default when output is piped).")]
        public bool Flat { get; init; }

        [CommandOption("--tree")]
        [Description("The tree even when output is piped.")]
        public bool Tree { get; init; }

        public override ValidationResult Validate() =>
            Depth is < 0 or > MaxDepth ? ValidationResult.Error($"--depth is between 0 and {MaxDepth}.")
            : Flat && Tree ? ValidationResult.Error("--flat and --tree exclude each other.")
            : base.Validate();
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
        if (settings.Flat || (!settings.Tree && !Consoles.OutIsTerminal))
        {
            WriteFlat(root);
            return ExitCodes.Ok;
        }

        var tree = new Tree(Label(root, root.Path)).Guide(TreeGuide.Line);
        AddChildren(tree, root);
        Out.Write(tree);
        var levels = settings.Depth == 1 ? "1 level" : $"{settings.Depth} levels";
        Out.MarkupLineInterpolated($"[grey]{root.Count} actors, {levels} below {root.Path}[/]");
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Paths straight to the output stream (the console would wrap long ones); what the depth leaves out goes to
    /// the error stream, so a grep sees only paths.
    /// </summary>
    private void WriteFlat(ActorNode root)
    {
        var writer = Out.Profile.Out.Writer;
        var hidden = 0;
        void Write(ActorNode node)
        {
            writer.WriteLine(node.Path);
            hidden += node.HiddenChildren;
            foreach (var child in node.Children)
                Write(child);
        }
        Write(root);
        writer.Flush();
        if (hidden > 0)
            Consoles.Error.MarkupLineInterpolated($"[grey]… {hidden} more below the depth shown (raise -d)[/]");
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
