using System.Text.Encodings.Web;
using System.Text.Json;
using Akka.Ingest.Ctl.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Akka.Ingest.Ctl.Commands;

/// <summary>
/// A verb that reads the host's <c>/admin</c> endpoints: turns an unreachable host into "cannot reach …"
/// (exit 2) and an error answer into its problem detail (exit 1), on the error console.
/// </summary>
public abstract class ManagementCommand<TSettings>(CtlConsoles consoles, CtlTarget target) : AsyncCommand<TSettings>
    where TSettings : CtlSettings
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    protected IAnsiConsole Out => consoles.Out;

    protected CtlConsoles Consoles => consoles;

    public sealed override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        using var client = new ManagementClient(settings, target);
        try
        {
            return await RunAsync(client, settings, cancellationToken);
        }
        catch (HostUnreachableException ex)
        {
            consoles.Error.MarkupLineInterpolated($"[red]{ex.Message}[/]");
            return ExitCodes.UsageOrUnreachable;
        }
        catch (HostErrorException ex)
        {
            consoles.Error.MarkupLineInterpolated($"[red]{client.Host.ToString().TrimEnd('/')} answered {ex.Message}[/]");
            return ExitCodes.HostError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C: the normal end of --watch.
            return ExitCodes.Ok;
        }
    }

    protected abstract Task<int> RunAsync(ManagementClient client, TSettings settings, CancellationToken cancellationToken);

    /// <summary>
    /// Writes JSON straight to the output stream: through the console it would be wrapped at the terminal
    /// width, which breaks it for a script.
    /// </summary>
    protected void WriteJson(string json, bool indented = true)
    {
        using var document = JsonDocument.Parse(json);
        var writer = Out.Profile.Out.Writer;
        writer.WriteLine(JsonSerializer.Serialize(document.RootElement, indented ? Indented : Compact));
        writer.Flush();
    }

    protected static string Millis(double? milliseconds) =>
        milliseconds is { } ms ? $"{ms:0.0} ms" : "?";
}
