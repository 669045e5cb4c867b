using System.Reflection;

namespace Akka.Ingest.Stores;

/// <summary>One versioned schema change, shipped as the embedded resource <c>Migrations/{dialect}/NNNN_name.sql</c>.</summary>
public sealed record SqlMigration(int Version, string Name, string Sql)
{
    /// <summary>The migrations of one dialect folder (Postgres, Sqlite), oldest first.</summary>
    public static IReadOnlyList<SqlMigration> Load(string dialect)
    {
        var assembly = typeof(SqlMigration).Assembly;
        var prefix = $"Migrations/{dialect}/";
        var migrations = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name => Parse(assembly, name, name[prefix.Length..^".sql".Length]))
            .OrderBy(m => m.Version)
            .ToArray();
        return migrations.Length > 0
            ? migrations
            : throw new InvalidOperationException($"No {dialect} migrations are embedded in {assembly.GetName().Name}.");
    }

    private static SqlMigration Parse(Assembly assembly, string resource, string fileName)
    {
        var separator = fileName.IndexOf('_');
        if (separator <= 0 || !int.TryParse(fileName[..separator], out var version))
            throw new InvalidOperationException($"Migration '{fileName}' must be named NNNN_description.sql.");

        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Migration resource '{resource}' is missing.");
        using var reader = new StreamReader(stream);
        return new SqlMigration(version, fileName[(separator + 1)..], reader.ReadToEnd());
    }
}
