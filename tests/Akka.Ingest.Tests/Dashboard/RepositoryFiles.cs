namespace Akka.Ingest.Tests.Dashboard;

/// <summary>Finds the repository's root (where Akka.Ingest.sln is) from the test binaries.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Akka.Ingest.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"No Akka.Ingest.sln above {AppContext.BaseDirectory}.");
    }
}
