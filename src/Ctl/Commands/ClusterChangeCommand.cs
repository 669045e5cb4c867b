using System.ComponentModel;
using System.Text.Json;
using System.Text.RegularExpressions;
using Akka.Ingest.Ctl.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Akka.Ingest.Ctl.Commands;

/// <summary>
/// pbm's cluster verbs that change state: <c>cluster down ADDRESS</c>, <c>cluster leave ADDRESS</c> and
/// <c>cluster join ADDRESS</c>, each a POST to <c>/admin/cluster/{verb}</c> (the token is sent as for every verb).
/// A malformed address, or one the host refuses as such (400), exits 2 like any usage error.
/// </summary>
public abstract partial class ClusterChangeCommand(CtlConsoles consoles, CtlTarget target, string verb)
    : ManagementCommand<ClusterChangeCommand.Settings>(consoles, target)
{
    public sealed class Settings : CtlSettings
    {
        [CommandArgument(0, "<ADDRESS>")]
        [Description("The member's address, as cluster show lists it: akka.tcp://akka-ingest@host:port (akka.ssl.tcp:// with TLS).")]
        public string Address { get; init; } = "";

        public override ValidationResult Validate() =>
            !AddressShape().IsMatch(Address)
                ? ValidationResult.Error($"ADDRESS is a member's address such as akka.tcp://akka-ingest@10.0.0.2:4053, not '{Address}'.")
                : base.Validate();
    }

    protected override async Task<int> RunAsync(ManagementClient client, Settings settings, CancellationToken cancellationToken)
    {
        string json;
        try
        {
            json = await client.SendJsonAsync(HttpMethod.Post, $"admin/cluster/{verb}", new { address = settings.Address }, cancellationToken);
        }
        catch (HostErrorException ex) when (ex.Status == 400)
        {
            Consoles.Error.MarkupLineInterpolated($"[red]{client.Host.ToString().TrimEnd('/')} refused the address: {ex.Message}[/]");
            return ExitCodes.UsageOrUnreachable;
        }
        if (settings.Json)
        {
            WriteJson(json);
            return ExitCodes.Ok;
        }
        var answer = JsonSerializer.Deserialize<Answer>(json, ManagementClient.Json)!;
        Out.MarkupLineInterpolated($"{answer.Verb} [bold]{answer.Address}[/]: asked; [grey]ingestctl cluster show or cluster tail shows it take effect[/]");
        return ExitCodes.Ok;
    }

    [GeneratedRegex(@"^akka\.(ssl\.)?tcp://[A-Za-z0-9][A-Za-z0-9_-]*@[^\s:/@]+:\d{1,5}$")]
    private static partial Regex AddressShape();

    private sealed record Answer(string Verb, string Address);
}

/// <summary><c>cluster down ADDRESS</c>: marks the member down (it is removed and must restart to rejoin).</summary>
public sealed class ClusterDownCommand(CtlConsoles consoles, CtlTarget target) : ClusterChangeCommand(consoles, target, "down");

/// <summary><c>cluster leave ADDRESS</c>: the member leaves gracefully (its partition owners hand off first).</summary>
public sealed class ClusterLeaveCommand(CtlConsoles consoles, CtlTarget target) : ClusterChangeCommand(consoles, target, "leave");

/// <summary><c>cluster join ADDRESS</c>: this host joins the cluster of the node at ADDRESS.</summary>
public sealed class ClusterJoinCommand(CtlConsoles consoles, CtlTarget target) : ClusterChangeCommand(consoles, target, "join");
