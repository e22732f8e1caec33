namespace Platform.Api.Audit;

/// <summary>Where audit records are stored (a JSONL file, a PostgreSQL table); written by one background writer only.</summary>
public interface IAuditSink : IAsyncDisposable
{
    /// <summary>What it writes to, for operators' log lines (no credentials).</summary>
    string Description { get; }

    /// <summary>Stores the whole batch or throws; a batch that threw is written again, so a store must not keep half of one.</summary>
    Task WriteAsync(IReadOnlyList<AuditRecord> records, CancellationToken ct);
}
