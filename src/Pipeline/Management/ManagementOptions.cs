using System.ComponentModel.DataAnnotations;

namespace Akka.Ingest.Pipeline.Management;

/// <summary>The <c>Management</c> section: who may use <c>/admin</c>, and the log peek buffer.</summary>
public sealed class ManagementOptions
{
    public const string Section = "Management";

    /// <summary>
    /// The bearer token that opens <c>/admin</c> to callers beyond loopback. Unset (the default), the
    /// management endpoints answer loopback callers only.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>How many recent log events <c>/admin/logs</c> can show.</summary>
    [Range(1, 100_000)]
    public int LogCapacity { get; set; } = 1000;

    /// <summary>How long readiness waits for the store to answer a ping.</summary>
    public TimeSpan StorePingTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
