namespace Akka.Ingest.Tests;

/// <summary>Files of the repository itself (docs, container and deployment files), found above the test output.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    /// <summary>The absolute path of <paramref name="relativePath"/> (forward slashes) in the repository.</summary>
    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    public static string Read(string relativePath) => File.ReadAllText(PathOf(relativePath));

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Akka.Ingest.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Akka.Ingest.sln not found above the test output.");
    }
}
