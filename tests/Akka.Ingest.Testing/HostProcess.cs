using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Akka.Ingest.Testing;

/// <summary>
/// The host as its own process (<c>dotnet Akka.Ingest.Pipeline.dll</c>), for specs that signal it
/// (SIGTERM, SIGKILL). Waits for the "Now listening on" line to learn its port. Its management listener gets
/// a free port (<see cref="FreePort"/>) unless the arguments give <c>Management:Port</c>.
/// </summary>
public sealed partial class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process) => _process = process;

    /// <summary>The public listener.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>The management listener on loopback (<c>/admin</c>, health, metrics).</summary>
    public Uri ManagementAddress { get; private set; } = null!;

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The host's resident set now and its peak since it started (VmRSS, VmHWM from /proc), in bytes.</summary>
    public (long Resident, long Peak) Memory()
    {
        long Field(string[] lines, string name) =>
            long.Parse(lines.Single(l => l.StartsWith(name, StringComparison.Ordinal))[name.Length..].Trim().Split(' ')[0],
                System.Globalization.CultureInfo.InvariantCulture) * 1024;
        var status = File.ReadAllLines($"/proc/{_process.Id}/status");
        return (Field(status, "VmRSS:"), Field(status, "VmHWM:"));
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Starts the host with <paramref name="args"/> (a later <c>--urls</c> among them replaces the loopback
    /// default). With <paramref name="defaultManagementPort"/> its management listener keeps the default port (9110),
    /// which only one host on the machine can have at a time; otherwise it gets a free one unless the arguments give
    /// one. <paramref name="launcher"/>: a command the host runs under, e.g. <c>ip netns exec NAME</c>.
    /// </summary>
    public static async Task<HostProcess> StartAsync(
        IEnumerable<string> args, TimeSpan startupTimeout, bool defaultManagementPort = false, IReadOnlyList<string>? launcher = null)
    {
        var (arguments, managementPort) = defaultManagementPort
            ? (args.ToList(), Akka.Ingest.Pipeline.Management.ManagementOptions.DefaultPort)
            : WithManagementPort(args);
        var info = StartInfo(arguments, launcher);
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";

        var host = new HostProcess(Process.Start(info)!);
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(string? line)
        {
            if (line is null)
                return;
            lock (host._output)
                host._output.AppendLine(line);
            if (ListeningLine().Match(line) is { Success: true } match && new Uri(match.Groups["url"].Value) is var url && url.Port != managementPort)
                listening.TrySetResult(url);
        }

        host._process.OutputDataReceived += (_, e) => OnLine(e.Data);
        host._process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        host._process.EnableRaisingEvents = true;
        host._process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"The host exited early:\n{host.Output}"));

        try
        {
            host.Address = await listening.Task.WaitAsync(startupTimeout);
            host.ManagementAddress = new Uri($"http://127.0.0.1:{managementPort}/");
        }
        catch (TimeoutException)
        {
            await host.DisposeAsync();
            throw new TimeoutException($"The host did not start listening within {startupTimeout}:\n{host.Output}");
        }
        return host;
    }

    /// <summary>Runs the host with arguments that should stop it at start-up; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(IEnumerable<string> args, TimeSpan timeout)
    {
        var info = StartInfo(WithManagementPort(args).Arguments);

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The host was still running after {timeout}:\n{await stdout}{await stderr}");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    public void Signal(PosixSignal signal)
    {
        var number = signal switch
        {
            PosixSignal.SIGTERM => "TERM",
            PosixSignal.SIGINT => "INT",
            _ => throw new ArgumentOutOfRangeException(nameof(signal)),
        };
        Process.Start("kill", ["-" + number, _process.Id.ToString()])!.WaitForExit();
    }

    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>SIGSTOP: the process stops answering anything (a long GC pause, a frozen VM) until <see cref="Thaw"/>.</summary>
    public void Freeze() => Process.Start("kill", ["-STOP", _process.Id.ToString()])!.WaitForExit();

    /// <summary>SIGCONT after <see cref="Freeze"/>.</summary>
    public void Thaw() => Process.Start("kill", ["-CONT", _process.Id.ToString()])!.WaitForExit();

    public Task WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync().WaitAsync(timeout);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    /// <summary><paramref name="args"/> with a free <c>--Management:Port</c> unless they give one; and the port.</summary>
    private static (List<string> Arguments, int ManagementPort) WithManagementPort(IEnumerable<string> args)
    {
        var arguments = args.ToList();
        if (IngestHost.ManagementPortOf(arguments) is { } given)
            return (arguments, given);
        var port = FreePort.Next();
        arguments.Add($"--Management:Port={port}");
        return (arguments, port);
    }

    /// <summary><c>dotnet Akka.Ingest.Pipeline.dll --urls http://127.0.0.1:0 …</c> from the test's output folder, output captured.</summary>
    private static ProcessStartInfo StartInfo(IEnumerable<string> args, IReadOnlyList<string>? launcher = null)
    {
        var info = new ProcessStartInfo(launcher is { Count: > 0 } ? launcher[0] : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        string[] underLauncher = launcher is { Count: > 0 } ? [.. launcher.Skip(1), "dotnet"] : [];
        foreach (var argument in underLauncher)
            info.ArgumentList.Add(argument);
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Akka.Ingest.Pipeline.dll"), "--urls", "http://127.0.0.1:0" }.Concat(args))
            info.ArgumentList.Add(argument);
        return info;
    }

    // In JSON logs (Logs:Format=json) the address is quoted, the quotes escaped: Now listening on: \"http://…\"
    [GeneratedRegex(@"Now listening on: (?:\\?"")?(?<url>http://[^\s""\\]+)")]
    private static partial Regex ListeningLine();
}
