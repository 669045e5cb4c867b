using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Akka.Ingest.Ctl;

/// <summary>The options every verb takes: which host, how to authenticate, and JSON output for scripts.</summary>
public class CtlSettings : CommandSettings
{
    [CommandOption("--url <URL>")]
    [Description("The host's management address, as the first argument may give it (default " + CtlTarget.DefaultAddress + ").")]
    public string? Url { get; init; }

    [CommandOption("--token <TOKEN>")]
    [Description("Bearer token the host requires once Management:Token is set; defaults to $INGESTCTL_TOKEN for a loopback address (never sent elsewhere).")]
    public string? Token { get; init; }

    [CommandOption("--json")]
    [Description("Print the host's JSON instead of tables.")]
    public bool Json { get; init; }

    [CommandOption("--timeout <SECONDS>")]
    [Description("How long to wait for the host.")]
    [DefaultValue(10)]
    public int TimeoutSeconds { get; init; } = 10;

    /// <summary><c>--url</c> when given, else the address the command line started with (or the default).</summary>
    public Uri BaseAddressOr(CtlTarget target) => Url is { } url ? new(url.EndsWith('/') ? url : url + "/") : target.Address;

    public override ValidationResult Validate()
    {
        if (Url is not null && (!Uri.TryCreate(Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
            return ValidationResult.Error($"--url must be an http:// or https:// address, not '{Url}'.");
        if (TimeoutSeconds is < 1 or > 600)
            return ValidationResult.Error("--timeout is between 1 and 600 seconds.");
        return ValidationResult.Success();
    }
}
