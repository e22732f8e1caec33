using Npgsql;

namespace Platform.Postgres.Tests.Schema;

/// <summary>A database of its own on the test server, with none of the platform's tables, dropped afterwards.</summary>
internal sealed class EmptyDatabase : IAsyncDisposable
{
    private readonly string server;
    private readonly string name;

    private EmptyDatabase(string server, string name, string connectionString)
    {
        this.server = server;
        this.name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<EmptyDatabase> CreateAsync(string serverConnectionString)
    {
        var name = $"platform_test_{Guid.NewGuid():N}";
        await ExecuteAsync(serverConnectionString, $"CREATE DATABASE {name}");
        var connectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
        return new EmptyDatabase(serverConnectionString, name, connectionString);
    }

    public async Task<string[]> PlatformTablesAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var command = dataSource.CreateCommand(
            "SELECT table_name::text FROM information_schema.tables WHERE table_name LIKE 'platform\\_%' ORDER BY 1");
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new List<string>();
        while (await reader.ReadAsync())
            tables.Add(reader.GetString(0));
        return [.. tables];
    }

    // FORCE ends the sessions that pools of already disposed providers may still hold.
    public async ValueTask DisposeAsync() => await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
