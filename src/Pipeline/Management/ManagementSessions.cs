using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Akka.Ingest.Pipeline.Management;

/// <summary>
/// The browser sessions a login opened: a server-side table, so a logout really ends a session and a restart ends
/// them all. A session value is 256 random bits; the table keeps only its SHA-256, so a dump of the process
/// memory lists no usable cookie. Each session expires <see cref="ManagementOptions.SessionLifetime"/> after the
/// login; at most <see cref="MaxSessions"/> are open at once (the oldest is closed to make room).
/// </summary>
public sealed class ManagementSessions(IOptions<ManagementOptions> options, TimeProvider time)
{
    public const string CookieName = "akka-ingest-session";
    public const int MaxSessions = 1024;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _expiries = new(StringComparer.Ordinal);

    public int Count => _expiries.Count;

    /// <summary>Opens a session; the value goes into the cookie, the expiry into its attributes.</summary>
    public (string Value, DateTimeOffset Expires) Open()
    {
        var now = time.GetUtcNow();
        foreach (var (key, expires) in _expiries)
        {
            if (expires <= now)
                _expiries.TryRemove(key, out _);
        }
        while (_expiries.Count >= MaxSessions && _expiries.MinBy(e => e.Value) is { Key: { } oldest })
            _expiries.TryRemove(oldest, out _);

        var value = Base64Url(RandomNumberGenerator.GetBytes(32));
        var expiry = now + options.Value.SessionLifetime;
        _expiries[KeyOf(value)] = expiry;
        return (value, expiry);
    }

    /// <summary>True for the value of a session that is open and not expired.</summary>
    public bool IsOpen(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 128)
            return false;
        var key = KeyOf(value);
        if (!_expiries.TryGetValue(key, out var expires))
            return false;
        if (expires > time.GetUtcNow())
            return true;
        _expiries.TryRemove(key, out _);
        return false;
    }

    public void Close(string? value)
    {
        if (!string.IsNullOrEmpty(value) && value.Length <= 128)
            _expiries.TryRemove(KeyOf(value), out _);
    }

    private static string KeyOf(string value) => Convert.ToBase64String(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(value)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
