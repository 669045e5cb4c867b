namespace Akka.Ingest.Ctl.Client;

/// <summary><c>/admin/config</c>: flat <c>Section:Key</c> settings, secrets already redacted by the host.</summary>
public sealed record ConfigSettings(IReadOnlyDictionary<string, string?> Settings);
