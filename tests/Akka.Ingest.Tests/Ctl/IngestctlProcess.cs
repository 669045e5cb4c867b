using System.Diagnostics;

namespace Akka.Ingest.Tests.Ctl;

/// <summary>The built ingestctl as its own process (<c>dotnet ingestctl.dll …</c>), as a container or a shell runs it.</summary>
public static class IngestctlProcess
{
    public static (int ExitCode, string Output) Run(params string[] args) => Run(new Dictionary<string, string?>(), args);

    /// <summary>Runs it with <paramref name="environment"/> added to (or, for a null value, removed from) its environment.</summary>
    public static (int ExitCode, string Output) Run(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ingestctl.dll"));
        foreach (var argument in args)
            info.ArgumentList.Add(argument);
        // No token from the environment of whoever runs the tests.
        info.Environment.Remove("INGESTCTL_TOKEN");
        foreach (var (name, value) in environment)
            info.Environment[name] = value;
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd() + stderr.Result;
        process.WaitForExit();
        return (process.ExitCode, output);
    }
}
