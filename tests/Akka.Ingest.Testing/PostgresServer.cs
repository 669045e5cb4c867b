using System.Diagnostics;
using Npgsql;

namespace Akka.Ingest.Testing;

/// <summary>
/// A throwaway PostgreSQL server for tests: initdb into a temporary folder (or, for a standby, a base backup of
/// another such server) and start it listening only on a Unix socket in that folder, so it cannot collide with any
/// other server on the machine. As root (CI), the server programs run as the <c>postgres</c> user, since initdb and
/// pg_ctl refuse root. Missing binaries are an error, never a skip: install Debian's <c>postgresql</c> package or set
/// <c>INGEST_PG_BIN</c>.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const int Port = 5432;
    private readonly string _bin;
    private readonly string _root;
    private readonly string _data;

    private PostgresServer(string bin, string root)
    {
        _bin = bin;
        _root = root;
        _data = Path.Combine(root, "data");
    }

    /// <summary>Connects to the <c>postgres</c> database as superuser over the socket.</summary>
    public string AdminConnectionString => ConnectionStringFor("postgres");

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = _root,
            Port = Port,
            Username = "postgres",
            Database = database,
            Pooling = true,
            Timeout = 5,
            CommandTimeout = 30,
        }.ConnectionString;

    /// <summary>The folder holding the server's Unix socket: Npgsql's <c>Host</c> for it.</summary>
    public string SocketDirectory => _root;

    public static async Task<PostgresServer> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var server = await CreateAsync(FindBinaries());
        var root = server._root;
        await server.RunServerToolAsync("initdb", ["-D", server._data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
        var conf = new Dictionary<string, string>
        {
            ["listen_addresses"] = "''",
            ["unix_socket_directories"] = $"'{root}'",
            ["port"] = Port.ToString(),
            ["max_connections"] = "200",
            ["shared_buffers"] = "128MB",
            ["max_wal_size"] = "2GB",
            ["fsync"] = "on",
            ["synchronous_commit"] = "on",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            conf[key] = value;
        await File.AppendAllLinesAsync(Path.Combine(server._data, "postgresql.conf"), conf.Select(kv => $"{kv.Key} = {kv.Value}"));
        await server.StartAsync();
        return server;
    }

    /// <summary>
    /// A streaming standby of <paramref name="primary"/>, in a folder and on a socket of its own: <c>pg_basebackup -R</c>
    /// (which writes its <c>primary_conninfo</c>) with a physical replication slot of the same name, created by the
    /// backup, and started. It connects as <paramref name="name"/> (its <c>cluster_name</c>, the walreceiver's
    /// application name), the name <c>synchronous_standby_names</c> on the primary has to give. The primary's
    /// configuration comes with the backup; its own socket folder and <paramref name="settings"/> replace it where they
    /// say (in <c>postgresql.auto.conf</c>, which wins over what the primary had, <c>ALTER SYSTEM</c> included), and
    /// <c>synchronous_standby_names</c> is emptied, so that once promoted it does not wait for a standby of its own.
    /// </summary>
    public static async Task<PostgresServer> StartStandbyAsync(PostgresServer primary, string name, IReadOnlyDictionary<string, string>? settings = null)
    {
        var server = await CreateAsync(primary._bin);
        try
        {
            await server.RunServerToolAsync("pg_basebackup",
                ["-h", primary._root, "-p", Port.ToString(), "-U", "postgres", "-D", server._data, "-R", "-C", "-S", name, "-X", "stream", "--no-sync"]);
            var conf = new Dictionary<string, string>
            {
                ["unix_socket_directories"] = $"'{server._root}'",
                ["cluster_name"] = $"'{name}'",
                ["hot_standby"] = "on",
                ["synchronous_standby_names"] = "''",
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string>())
                conf[key] = value;
            await File.AppendAllLinesAsync(Path.Combine(server._data, "postgresql.auto.conf"), conf.Select(kv => $"{kv.Key} = {kv.Value}"));
            await server.StartAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Promotes a standby to a primary (<c>pg_ctl promote</c>) and returns once it accepts writes.</summary>
    public Task PromoteAsync() =>
        RunServerToolAsync("pg_ctl", ["-D", _data, "-w", "-t", "60", "promote"]);

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "ingest")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 13)];
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionStringFor(name);
    }

    public Task StartAsync() =>
        RunServerToolAsync("pg_ctl", ["-D", _data, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "start"]);

    /// <summary>Kills the server the way a crash would (<c>pg_ctl stop -m immediate</c>): no shutdown checkpoint.</summary>
    public Task StopImmediateAsync() =>
        RunServerToolAsync("pg_ctl", ["-D", _data, "-m", "immediate", "-w", "stop"]);

    /// <summary>Stops every process of the server with SIGSTOP: connections stay open but nothing answers.</summary>
    public Task FreezeAsync() => SignalAllAsync("STOP");

    /// <summary>Resumes a frozen server with SIGCONT.</summary>
    public Task ThawAsync() => SignalAllAsync("CONT");

    /// <summary>Ends every client connection to <paramref name="database"/> from the server side.</summary>
    public async Task<int> TerminateConnectionsAsync(string database)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = database });
        return (int)(long)(await command.ExecuteScalarAsync())!;
    }

    private async Task SignalAllAsync(string signal)
    {
        var postmaster = (await File.ReadAllLinesAsync(Path.Combine(_data, "postmaster.pid")))[0].Trim();
        // The postmaster first, so it cannot notice its stopped children and restart them.
        await RunAsync("kill", [$"-{signal}", postmaster]);
        await RunAsync("pkill", [$"-{signal}", "-P", postmaster]);
    }

    public string ReadLog() => File.Exists(Path.Combine(_root, "server.log")) ? File.ReadAllText(Path.Combine(_root, "server.log")) : "";

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopImmediateAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped by the spec.
        }
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A new server object on an empty temporary folder (owned by <c>postgres</c> when run as root); nothing started.</summary>
    private static async Task<PostgresServer> CreateAsync(string bin)
    {
        var root = Path.Combine(Path.GetTempPath(), $"akka-ingest-pg-{Guid.NewGuid():N}"[..32]);
        Directory.CreateDirectory(root);
        if (Environment.UserName == "root")
            await RunAsync("chown", ["postgres:postgres", root]);
        return new PostgresServer(bin, root);
    }

    private static string FindBinaries()
    {
        var configured = Environment.GetEnvironmentVariable("INGEST_PG_BIN");
        if (!string.IsNullOrEmpty(configured))
            return File.Exists(Path.Combine(configured, "initdb"))
                ? configured
                : throw new InvalidOperationException($"INGEST_PG_BIN={configured} has no initdb.");

        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(dir => Path.Combine(dir, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return installed ?? throw new InvalidOperationException(
            "PostgreSQL server binaries were not found under /usr/lib/postgresql/*/bin. Install them " +
            "(apt-get install -y postgresql) or set INGEST_PG_BIN to the folder holding initdb and pg_ctl.");
    }

    private Task RunServerToolAsync(string tool, string[] arguments)
    {
        var path = Path.Combine(_bin, tool);
        return Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments])
            : RunAsync(path, arguments);
    }

    private static async Task RunAsync(string fileName, string[] arguments)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await stderr}{await stdout}");
    }
}
