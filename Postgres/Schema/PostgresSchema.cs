using Npgsql;

namespace Platform.Postgres.Schema;

/// <summary>Creates the platform's tables when they are missing.</summary>
internal static class PostgresSchema
{
    // Any constant works as long as nothing else in the database takes the same advisory lock; this one spells "platform".
    private const long CreationLock = 0x706C6174666F726D;

    private const string Tables = """
        CREATE TABLE IF NOT EXISTS platform_membership_version (
            cluster_id text PRIMARY KEY,
            version integer NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now()
        );

        CREATE TABLE IF NOT EXISTS platform_membership (
            cluster_id text NOT NULL,
            address inet NOT NULL,
            port integer NOT NULL,
            generation integer NOT NULL,
            silo_name text NOT NULL,
            host_name text NOT NULL,
            status integer NOT NULL,
            proxy_port integer NOT NULL,
            role_name text NULL,
            update_zone integer NOT NULL,
            fault_zone integer NOT NULL,
            suspecting_silos text[] NULL,
            suspect_times timestamptz[] NULL,
            start_time timestamptz NOT NULL,
            i_am_alive_time timestamptz NOT NULL,
            etag bigint NOT NULL,
            PRIMARY KEY (cluster_id, address, port, generation)
        );

        CREATE TABLE IF NOT EXISTS platform_grain_state (
            service_id text NOT NULL,
            grain_type text NOT NULL,
            grain_key bytea NOT NULL,
            state_name text NOT NULL,
            payload bytea NOT NULL,
            etag uuid NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (service_id, grain_type, grain_key, state_name)
        );

        CREATE TABLE IF NOT EXISTS platform_audit_log (
            id uuid PRIMARY KEY,
            time timestamptz NOT NULL,
            request_id text NOT NULL,
            tenant text NOT NULL,
            model text NULL,
            route text NOT NULL,
            method text NOT NULL,
            status integer NOT NULL,
            client_disconnected boolean NOT NULL,
            error text NULL,
            prompt_tokens integer NOT NULL,
            cached_tokens integer NOT NULL,
            completion_tokens integer NOT NULL,
            latency_ms double precision NOT NULL,
            cost numeric NULL,
            end_user text NULL,
            safety_identifier text NULL,
            request_content json NULL,
            output_content json NULL
        );

        CREATE INDEX IF NOT EXISTS platform_audit_log_tenant_time ON platform_audit_log (tenant, time);
        """;

    /// <summary>Creates every missing table; safe to run again and from several processes at once.</summary>
    public static async Task CreateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // IF NOT EXISTS alone races: two sessions creating the same table at once can both pass the check and one then
        // fails on the catalog's unique index, so creators queue on a lock that the transaction's end releases.
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", CreationLock);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await using (var createCommand = new NpgsqlCommand(Tables, connection, transaction))
            await createCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
