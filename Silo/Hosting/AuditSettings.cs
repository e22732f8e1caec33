using Platform.Api.Audit;

namespace Platform.Silo.Hosting;

/// <summary>What the audit flags asked for: where records go (nowhere, a JSONL file, the cluster's PostgreSQL), text or not, prices.</summary>
internal sealed record AuditSettings
{
    public static AuditSettings Off { get; } = new();

    /// <summary>`--audit-log PATH`: a JSONL file.</summary>
    public string? FilePath { get; init; }

    /// <summary>`--audit-log postgres` (the default with `--cluster`): the table `platform_audit_log` of the cluster's database.</summary>
    public bool Postgres { get; init; }

    public bool Content { get; init; }

    public ModelPrices Prices { get; init; } = ModelPrices.None;

    public int QueueCapacity { get; init; } = 10_000;

    public bool IsOn => Postgres || FilePath is not null;
}
