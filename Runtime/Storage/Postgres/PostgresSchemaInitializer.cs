using Microsoft.Extensions.Hosting;

namespace Platform.Runtime.Storage.Postgres;

/// <summary>Creates a PostgreSQL grain storage's table when the host starts, so a bad connection fails the start rather than the first grain.</summary>
internal sealed class PostgresSchemaInitializer(PostgresGrainStorage storage) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => storage.EnsureSchemaAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
