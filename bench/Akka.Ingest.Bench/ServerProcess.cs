using System.Text.RegularExpressions;

namespace Akka.Ingest.Bench;

/// <summary>A server under test started as its own process: the host (Release build) or bare Kestrel.</summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    public const int HostPartitions = 2;

    private ServerProcess(ChildProcess process, Uri address)
    {
        Process = process;
        Address = address;
    }

    public ChildProcess Process { get; }

    public Uri Address { get; }

    public int Id => Process.Id;

    /// <summary>
    /// <c>dotnet Akka.Ingest.Pipeline.dll --urls http://127.0.0.1:0 --store Postgres --connection-string …</c>, from this
    /// runner's own output folder, which holds the host built in the runner's configuration (Release).
    /// </summary>
    public static Task<ServerProcess> StartHostAsync(
        string name, string connectionString, IEnumerable<string> extraArguments, BenchSettings settings) =>
        StartAsync(name,
            [Path.Combine(AppContext.BaseDirectory, "Akka.Ingest.Pipeline.dll"), "--urls", "http://127.0.0.1:0",
             "--store", "Postgres", "--connection-string", connectionString, "--partitions", HostPartitions.ToString(),
             .. settings.HostArguments, .. extraArguments],
            settings.LogDirectory, settings.HostEnvironment);

    public static Task<ServerProcess> StartBareKestrelAsync(BenchSettings settings) =>
        StartAsync("bare-kestrel",
            [Path.Combine(AppContext.BaseDirectory, "Akka.Ingest.Bench.dll"), BenchSettings.BareKestrelVerb, "--urls", "http://127.0.0.1:0"],
            settings.LogDirectory, settings.HostEnvironment);

    /// <summary>The naive one-upsert-per-request service (<see cref="NaiveUpsertService"/>) on its own database.</summary>
    public static Task<ServerProcess> StartNaiveUpsertAsync(string connectionString, BenchSettings settings) =>
        StartAsync("naive-upsert",
            [Path.Combine(AppContext.BaseDirectory, "Akka.Ingest.Bench.dll"), NaiveUpsertService.Verb, "--urls", "http://127.0.0.1:0",
             "--connection-string", connectionString],
            settings.LogDirectory, settings.HostEnvironment);

    private static async Task<ServerProcess> StartAsync(
        string name, IEnumerable<string> arguments, string logDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var process = ChildProcess.Start(name, "dotnet", arguments, logDirectory, environment);
        try
        {
            var listening = await process.WaitForLineAsync(ListeningLine(), TimeSpan.FromSeconds(90));
            return new ServerProcess(process, new Uri(listening.Groups["url"].Value.Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/"));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Process.StopAsync(TimeSpan.FromSeconds(30));
        await Process.DisposeAsync();
    }

    [GeneratedRegex(@"Now listening on: (?<url>http://[^\s/]+)")]
    private static partial Regex ListeningLine();
}
