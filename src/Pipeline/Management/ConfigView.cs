namespace Akka.Ingest.Pipeline.Management;

/// <summary>The answer of <c>/admin/config</c>: <c>Section:Key</c> settings, secrets redacted.</summary>
public sealed record ConfigView(IReadOnlyDictionary<string, string?> Settings);
