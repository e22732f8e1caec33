using Npgsql;
using NpgsqlTypes;
using Platform.Postgres.Schema;
using Platform.Postgres.Sql;

namespace Platform.Postgres.Audit;

/// <summary>The audit log in PostgreSQL: batched inserts into `platform_audit_log`, created with the platform's schema.</summary>
public sealed class PostgresAuditTable : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly SchemaGate _schema;

    public PostgresAuditTable(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _schema = new SchemaGate(_dataSource);
    }

    /// <summary>Stores every row or none (one statement); rows whose id is already stored are skipped.</summary>
    public async Task InsertAsync(IReadOnlyList<AuditRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
            return;
        await _schema.EnsureCreatedAsync(ct).ConfigureAwait(false);
        await using var command = _dataSource.CreateCommand(AuditSql.Insert);
        var p = command.Parameters;
        p.AddValue("id", NpgsqlDbType.Array | NpgsqlDbType.Uuid, Column(rows, r => r.Id));
        p.AddValue("time", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, Column(rows, r => r.Time.ToUniversalTime()));
        p.AddValue("request_id", NpgsqlDbType.Array | NpgsqlDbType.Text, TextColumn(rows, r => r.RequestId));
        p.AddValue("tenant", NpgsqlDbType.Array | NpgsqlDbType.Text, TextColumn(rows, r => r.Tenant));
        p.AddValue("model", NpgsqlDbType.Array | NpgsqlDbType.Text, TextColumn(rows, r => r.Model));
        p.AddValue("route", NpgsqlDbType.Array | NpgsqlDbType.Text, TextColumn(rows, r => r.Route));
        p.AddValue("method", NpgsqlDbType.Array | NpgsqlDbType.Text, TextColumn(rows, r => r.Method));
        p.AddValue("status", NpgsqlDbType.Array | NpgsqlDbType.Integer, Column(rows, r => r.Status));
        p.AddValue("client_disconnected", NpgsqlDbType.Array | NpgsqlDbType.Boolean, Column(rows, r => r.ClientDisconnected));
        p.AddValue("error", NpgsqlDbType.Array | NpgsqlDbType.Text, TextColumn(rows, r => r.Error));
        p.AddValue("prompt_tokens", NpgsqlDbType.Array | NpgsqlDbType.Integer, Column(rows, r => r.PromptTokens));
        p.AddValue("cached_tokens", NpgsqlDbType.Array | NpgsqlDbType.Integer, Column(rows, r => r.CachedTokens));
        p.AddValue("completion_tokens", NpgsqlDbType.Array | NpgsqlDbType.Integer, Column(rows, r => r.CompletionTokens));
        p.AddValue("latency_ms", NpgsqlDbType.Array | NpgsqlDbType.Double, Column(rows, r => r.LatencyMs));
        p.AddValue("cost", NpgsqlDbType.Array | NpgsqlDbType.Numeric, Column(rows, r => r.Cost));
        p.AddValue("end_user", NpgsqlDbType.Array | NpgsqlDbType.Text, TextColumn(rows, r => r.EndUser));
        p.AddValue("safety_identifier", NpgsqlDbType.Array | NpgsqlDbType.Text, TextColumn(rows, r => r.SafetyIdentifier));
        p.AddValue("request_content", NpgsqlDbType.Array | NpgsqlDbType.Json, Column(rows, r => r.RequestContent));
        p.AddValue("output_content", NpgsqlDbType.Array | NpgsqlDbType.Json, Column(rows, r => r.OutputContent));
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    // A client's text (its `user`, say) with a U+0000 would otherwise fail this batch on every retry and stall the log.
    private static string?[] TextColumn(IReadOnlyList<AuditRow> rows, Func<AuditRow, string?> value) =>
        Column(rows, r => PostgresText.WithoutNul(value(r)));

    private static T[] Column<T>(IReadOnlyList<AuditRow> rows, Func<AuditRow, T> value)
    {
        var column = new T[rows.Count];
        for (var i = 0; i < column.Length; i++)
            column[i] = value(rows[i]);
        return column;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
