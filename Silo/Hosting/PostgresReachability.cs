using Npgsql;
using Platform.Api.Hosting;

namespace Platform.Silo.Hosting;

/// <summary>`/health`'s check of the cluster database: a connection and `SELECT 1` within two seconds.</summary>
internal sealed class PostgresReachability(string connectionString) : IDependencyCheck, IAsyncDisposable
{
    private readonly NpgsqlDataSource _database = new NpgsqlDataSourceBuilder(
        new NpgsqlConnectionStringBuilder(connectionString) { Timeout = 2, CommandTimeout = 2 }.ConnectionString).Build();

    public async Task<string?> CheckAsync(CancellationToken ct)
    {
        try
        {
            await using var command = _database.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(ct);
            return null;
        }
        catch (Exception error) when (error is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return "The cluster database is unreachable: membership and session state cannot be read or written; retry later.";
        }
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
