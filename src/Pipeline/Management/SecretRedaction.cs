using System.Data.Common;

namespace Akka.Ingest.Pipeline.Management;

/// <summary>
/// Hides secrets in configuration values shown by <c>/admin/config</c>: a setting whose name says it is a
/// secret is masked whole; in a connection string only the secret keys (Password, Pwd, …) are masked, so the
/// host and database stay readable. A connection string that cannot be parsed is masked whole.
/// </summary>
public static class SecretRedaction
{
    public const string Mask = "***";

    private static readonly string[] SecretWords = ["password", "pwd", "secret", "token", "apikey", "api-key", "credential"];

    public static string? Redact(string key, string? value)
    {
        if (string.IsNullOrEmpty(value))
            return value;
        var name = key[(key.LastIndexOf(':') + 1)..];
        if (IsSecretName(name))
            return Mask;
        return name.Contains("connectionstring", StringComparison.OrdinalIgnoreCase) ? RedactConnectionString(value) : value;
    }

    public static string RedactConnectionString(string connectionString)
    {
        DbConnectionStringBuilder builder;
        try
        {
            builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        }
        catch (ArgumentException)
        {
            return Mask;
        }

        var secrets = builder.Keys.Cast<string>().Where(IsSecretName).ToArray();
        if (secrets.Length == 0)
            return connectionString;
        // Rebuilding normalises the keys' case; only a string that held a secret is rebuilt.
        foreach (var key in secrets)
            builder[key] = Mask;
        return builder.ConnectionString;
    }

    private static bool IsSecretName(string name) =>
        SecretWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase));
}
