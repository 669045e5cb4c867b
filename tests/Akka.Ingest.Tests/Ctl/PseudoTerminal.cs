using System.Diagnostics;
using System.Text;
using Akka.Ingest.Testing;

namespace Akka.Ingest.Tests.Ctl;

/// <summary>
/// Runs a command on a pseudo-terminal through util-linux <c>script</c> (test.sh installs it when missing), so the
/// program sees a terminal on stdin and stdout; the spec types into it and reads what the terminal shows.
/// </summary>
public sealed class PseudoTerminal : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _screen = new();
    private readonly Task _reading;

    private PseudoTerminal(Process process)
    {
        _process = process;
        _reading = Task.Run(ReadAsync);
    }

    /// <summary>Everything the terminal has shown so far, escape sequences included.</summary>
    public string Screen
    {
        get
        {
            lock (_screen)
                return _screen.ToString();
        }
    }

    public static PseudoTerminal Start(params string[] command)
    {
        var info = new ProcessStartInfo("script")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // -q: no banner, -f: flush at once, -e: exit with the command's code, -c: the command (run by $SHELL -c).
        foreach (var argument in new[] { "-qfec", string.Join(' ', command.Select(Quote)), "/dev/null" })
            info.ArgumentList.Add(argument);
        info.Environment["SHELL"] = "/bin/sh";
        info.Environment["TERM"] = "xterm";
        info.Environment["DOTNET_NOLOGO"] = "1";
        try
        {
            return new PseudoTerminal(Process.Start(info)!);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("util-linux 'script' is missing: test.sh installs it (apt-get install bsdutils).", ex);
        }
    }

    /// <summary>Types <paramref name="keys"/> (use "\r" for Enter and "\u001b[A" for the up arrow).</summary>
    public async Task TypeAsync(string keys)
    {
        await _process.StandardInput.WriteAsync(keys);
        await _process.StandardInput.FlushAsync();
    }

    public Task WaitForAsync(Func<string, bool> shown, string because) =>
        Eventually.TrueAsync(() => shown(Screen), TimeSpan.FromSeconds(30), $"{because}; the terminal shows:\n{Screen}");

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        await _reading;
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new char[4096];
        int read;
        while ((read = await _process.StandardOutput.ReadAsync(buffer)) > 0)
        {
            lock (_screen)
                _screen.Append(buffer, 0, read);
        }
    }

    private static string Quote(string argument) => "'" + argument.Replace("'", "'\\''") + "'";
}
