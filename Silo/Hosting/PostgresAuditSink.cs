using Platform.Api.Audit;
using Platform.Postgres.Audit;

namespace Platform.Silo.Hosting;

/// <summary>The audit log's sink in a cluster: each batch becomes one insert into the cluster database's `platform_audit_log`.</summary>
internal sealed class PostgresAuditSink(string connectionString) : IAuditSink
{
    private readonly PostgresAuditTable _table = new(connectionString);

    public string Description => "the cluster database's platform_audit_log";

    public Task WriteAsync(IReadOnlyList<AuditRecord> records, CancellationToken ct) => _table.InsertAsync(records.Select(RowOf).ToArray(), ct);

    private static AuditRow RowOf(AuditRecord r) => new()
    {
        Id = r.Id,
        Time = r.Time,
        RequestId = r.RequestId,
        Tenant = r.Tenant,
        Model = r.Model,
        Route = r.Route,
        Method = r.Method,
        Status = r.Status,
        ClientDisconnected = r.ClientDisconnected,
        Error = r.Error,
        PromptTokens = r.PromptTokens,
        CachedTokens = r.CachedTokens,
        CompletionTokens = r.CompletionTokens,
        LatencyMs = r.LatencyMs,
        Cost = r.Cost,
        EndUser = r.EndUser,
        SafetyIdentifier = r.SafetyIdentifier,
        RequestContent = r.Content?.RequestJson(),
        OutputContent = r.Content?.OutputJson(),
    };

    public ValueTask DisposeAsync() => _table.DisposeAsync();
}
