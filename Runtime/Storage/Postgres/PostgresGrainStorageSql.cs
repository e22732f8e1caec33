namespace Platform.Runtime.Storage.Postgres;

/// <summary>The SQL of the PostgreSQL grain storage for one table; versions are the writing transaction's id, so a version is never reused.</summary>
internal sealed class PostgresGrainStorageSql(string table)
{
    // Concurrent silos starting at once would race inside CREATE TABLE IF NOT EXISTS (duplicate pg_type rows);
    // a transaction-scoped advisory lock on the table name makes them take turns.
    public string LockSchema { get; } = $"SELECT pg_advisory_xact_lock(hashtext('platform.grain_storage.{table}'))";

    public string CreateSchema { get; } = $"""
        CREATE TABLE IF NOT EXISTS {table} (
            grain_type text NOT NULL,
            grain_key text NOT NULL,
            state_name text NOT NULL,
            payload jsonb NOT NULL,
            version bigint NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (grain_type, grain_key, state_name))
        """;

    public string Read { get; } =
        $"SELECT payload::text, version FROM {table} WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3";

    public string ReadVersion { get; } =
        $"SELECT version FROM {table} WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3";

    // txid_current() is unique and increasing across the whole server, even across a delete and re-insert of the same
    // key, so an ETag handed out once can never match a later record.
    public string Insert { get; } = $"""
        INSERT INTO {table} (grain_type, grain_key, state_name, payload, version, updated_at)
        VALUES ($1, $2, $3, $4, txid_current(), now())
        ON CONFLICT (grain_type, grain_key, state_name) DO NOTHING
        RETURNING version
        """;

    public string Update { get; } = $"""
        UPDATE {table} SET payload = $4, version = txid_current(), updated_at = now()
        WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 AND version = $5
        RETURNING version
        """;

    public string Delete { get; } =
        $"DELETE FROM {table} WHERE grain_type = $1 AND grain_key = $2 AND state_name = $3 AND version = $4";
}
