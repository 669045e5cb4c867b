using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Management;

/// <summary>
/// Bounds how fast one address can guess the management token at <c>/admin/login</c>: at most
/// <see cref="ManagementOptions.LoginFailuresPerMinute"/> wrong tokens per address in a fixed one-minute window,
/// then 429 until the window ends. Only failures count, so an operator who types the token right is never held up.
/// </summary>
public sealed class LoginThrottle(IOptions<ManagementOptions> options, TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Addresses tracked at most; beyond it the table is cleared of ended windows first.</summary>
    private const int MaxAddresses = 10_000;

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    /// <summary>How long <paramref name="remote"/> must wait before it may try again, or null when it may now.</summary>
    public TimeSpan? WaitFor(IPAddress? remote)
    {
        var now = time.GetUtcNow();
        if (!_failures.TryGetValue(KeyOf(remote), out var failures) || failures.WindowEnds <= now)
            return null;
        return failures.Count >= options.Value.LoginFailuresPerMinute ? failures.WindowEnds - now : null;
    }

    public void RecordFailure(IPAddress? remote)
    {
        var now = time.GetUtcNow();
        if (_failures.Count >= MaxAddresses)
        {
            foreach (var (key, failures) in _failures)
            {
                if (failures.WindowEnds <= now)
                    _failures.TryRemove(key, out _);
            }
        }
        _failures.AddOrUpdate(KeyOf(remote), _ => new Failures(now + Window, 1),
            (_, failures) => failures.WindowEnds <= now ? new Failures(now + Window, 1) : failures with { Count = failures.Count + 1 });
    }

    private static string KeyOf(IPAddress? remote) => remote?.ToString() ?? "local";

    private sealed record Failures(DateTimeOffset WindowEnds, int Count);
}
