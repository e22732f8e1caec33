using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Platform.Tests;

/// <summary>
/// A real PostgreSQL server for tests: the one named by PLATFORM_TEST_POSTGRES, or else a private throw-away
/// cluster started from the local server binaries on a free loopback port and deleted afterwards.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public const string EnvironmentVariable = "PLATFORM_TEST_POSTGRES";

    private readonly bool alwaysPrivate;
    private string? clusterDirectory;
    private string? pgCtl;
    private string serverSettings = "";

    public PostgresFixture() : this(alwaysPrivate: false)
    {
    }

    private PostgresFixture(bool alwaysPrivate) => this.alwaysPrivate = alwaysPrivate;

    /// <summary>A fixture with a server of its own even when PLATFORM_TEST_POSTGRES names one: for tests that stop the server.</summary>
    public static PostgresFixture Private() => new(alwaysPrivate: true);

    public string ConnectionString { get; private set; } = "";

    /// <summary>A table name no other test uses, so schema tests start from nothing.</summary>
    public static string UniqueTableName(string prefix) => $"{prefix}_{Guid.NewGuid():N}";

    /// <summary>Drops a table a test created, so a shared server (PLATFORM_TEST_POSTGRES) does not collect them.</summary>
    public async Task DropTableAsync(string table)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var command = dataSource.CreateCommand($"DROP TABLE IF EXISTS {table}");
        await command.ExecuteNonQueryAsync();
    }

    public async Task InitializeAsync()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!alwaysPrivate && !string.IsNullOrWhiteSpace(configured))
        {
            ConnectionString = configured;
            return;
        }
        var binDirectory = FindServerBinaries("/usr/lib/postgresql");
        pgCtl = Path.Combine(binDirectory, "pg_ctl");
        clusterDirectory = Directory.CreateTempSubdirectory("platform-pg-").FullName;
        if (RunsAsRoot)
            await RunAsync("chown", ["-R", "postgres:postgres", clusterDirectory], asPostgres: false);
        var data = Path.Combine(clusterDirectory, "data");
        await RunAsync(Path.Combine(binDirectory, "initdb"),
            ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
        var port = FreeLoopbackPort();
        var settings = $"-p {port} -k {clusterDirectory} -c listen_addresses=127.0.0.1 -c fsync=off " +
                       "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        serverSettings = settings;
        await StartServerAsync();
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Maximum Pool Size=50";
    }

    /// <summary>Stops the private server (fast shutdown: clients are disconnected), as an outage would.</summary>
    public Task StopServerAsync() =>
        RunAsync(PrivateCtl, ["-D", Path.Combine(clusterDirectory!, "data"), "-m", "fast", "-w", "stop"]);

    /// <summary>Starts the private server again on the same port with the same data.</summary>
    public async Task StartServerAsync()
    {
        var log = Path.Combine(clusterDirectory!, "server.log");
        try
        {
            await RunAsync(PrivateCtl, ["-D", Path.Combine(clusterDirectory!, "data"), "-o", serverSettings, "-l", log, "-w", "-t", "60", "start"]);
        }
        catch (InvalidOperationException e)
        {
            var serverLog = File.Exists(log) ? await File.ReadAllTextAsync(log) : "(no server log)";
            throw new InvalidOperationException($"{e.Message}\nServer log:\n{serverLog}", e);
        }
    }

    private string PrivateCtl => pgCtl ?? throw new InvalidOperationException("This fixture uses an external server (PLATFORM_TEST_POSTGRES), which tests cannot stop.");

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (clusterDirectory is null || pgCtl is null)
            return;
        try
        {
            await RunAsync(pgCtl, ["-D", Path.Combine(clusterDirectory, "data"), "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            Directory.Delete(clusterDirectory, recursive: true);
        }
    }

    /// <summary>The bin folder of the newest server version installed under <paramref name="root"/>; a clear error when there is none.</summary>
    internal static string FindServerBinaries(string root)
    {
        var candidates = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => Path.Combine(d, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var v) ? v : 0)
                .ToList()
            : [];
        return candidates.FirstOrDefault() ?? throw new InvalidOperationException(
            $"The tests need a real PostgreSQL server, but no server binaries (initdb, pg_ctl) were found under {root}/*/bin. " +
            $"Install them with `apt-get install postgresql`, or set {EnvironmentVariable} to a connection string of a server to use.");
    }

    private static bool RunsAsRoot => Environment.UserName == "root";

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // initdb and postgres refuse to run as root, so under root they run as the postgres user.
    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres = true)
    {
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (asPostgres && RunsAsRoot)
        {
            start.FileName = "runuser";
            foreach (var a in new[] { "-u", "postgres", "--", program })
                start.ArgumentList.Add(a);
        }
        else
        {
            start.FileName = program;
        }
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        // The cluster's files sit in a private directory; the server must not inherit a cwd it cannot read.
        start.WorkingDirectory = "/";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}:\n{await output}\n{await error}");
    }
}
