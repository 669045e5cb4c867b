using System.Globalization;

namespace Akka.Ingest.Bench;

/// <summary>What the kernel says about a process (<c>/proc/PID/stat</c> and <c>/proc/PID/status</c>).</summary>
public static class ProcessStats
{
    // USER_HZ is 100 on every Linux this runs on (getconf CLK_TCK); /proc/PID/stat counts in those ticks.
    private const double TicksPerSecond = 100;

    /// <summary>CPU seconds used by the process itself (user + system), or 0 when it is gone.</summary>
    public static double CpuSeconds(int pid) => ReadStat(pid) is { } stat ? (stat.UserTicks + stat.SystemTicks) / TicksPerSecond : 0;

    /// <summary>CPU seconds of the children this process has waited for (cutime + cstime), e.g. a finished wrk.</summary>
    public static double ReapedChildrenCpuSeconds(int pid) =>
        ReadStat(pid) is { } stat ? (stat.ChildUserTicks + stat.ChildSystemTicks) / TicksPerSecond : 0;

    /// <summary>
    /// CPU seconds of a process and all its children, alive or exited: PostgreSQL runs a backend per connection and
    /// the postmaster reaps them, so exited backends are in its cutime/cstime and live ones are summed here.
    /// </summary>
    public static double TreeCpuSeconds(int pid)
    {
        if (ReadStat(pid) is not { } root)
            return 0;
        var ticks = root.UserTicks + root.SystemTicks + root.ChildUserTicks + root.ChildSystemTicks;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var child) || child == pid)
                continue;
            if (ReadStat(child) is { } stat && stat.ParentId == pid)
                ticks += stat.UserTicks + stat.SystemTicks;
        }
        return ticks / TicksPerSecond;
    }

    /// <summary>A <c>/proc/PID/status</c> size in bytes, e.g. <c>VmHWM</c> (peak resident set) or <c>VmRSS</c>.</summary>
    public static long StatusBytes(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                var kib = line[(field.Length + 1)..].Trim().Split(' ')[0];
                return long.Parse(kib, CultureInfo.InvariantCulture) * 1024;
            }
        }
        throw new InvalidOperationException($"/proc/{pid}/status has no {field}.");
    }

    private static Stat? ReadStat(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        // The command name (field 2) is in parentheses and may hold spaces: split after its closing one.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state): field n is fields[n - 3].
        return new Stat(
            int.Parse(fields[1], CultureInfo.InvariantCulture),
            long.Parse(fields[11], CultureInfo.InvariantCulture),
            long.Parse(fields[12], CultureInfo.InvariantCulture),
            long.Parse(fields[13], CultureInfo.InvariantCulture),
            long.Parse(fields[14], CultureInfo.InvariantCulture));
    }

    private sealed record Stat(int ParentId, long UserTicks, long SystemTicks, long ChildUserTicks, long ChildSystemTicks);
}
