using Npgsql;

namespace Platform.Postgres.Schema;

/// <summary>Creates the schema on a provider's first use, once; a failed attempt is retried by the next caller.</summary>
internal sealed class SchemaGate(NpgsqlDataSource dataSource)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile bool created;

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (created)
            return;
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!created)
            {
                await PostgresSchema.CreateAsync(dataSource, cancellationToken).ConfigureAwait(false);
                created = true;
            }
        }
        finally
        {
            gate.Release();
        }
    }
}
