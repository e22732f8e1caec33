namespace Platform.Postgres.Audit;

/// <summary>One row of `platform_audit_log`: an API call's record; the content columns hold JSON text or null.</summary>
public sealed record AuditRow
{
    public Guid Id { get; init; }
    public DateTimeOffset Time { get; init; }
    public required string RequestId { get; init; }
    public required string Tenant { get; init; }
    public string? Model { get; init; }
    public required string Route { get; init; }
    public required string Method { get; init; }
    public int Status { get; init; }
    public bool ClientDisconnected { get; init; }
    public string? Error { get; init; }
    public int PromptTokens { get; init; }
    public int CachedTokens { get; init; }
    public int CompletionTokens { get; init; }
    public double LatencyMs { get; init; }
    public decimal? Cost { get; init; }
    public string? EndUser { get; init; }
    public string? SafetyIdentifier { get; init; }

    /// <summary>The request's messages or prompt as JSON (`json`, not `jsonb`: it keeps any text, U+0000 included).</summary>
    public string? RequestContent { get; init; }

    /// <summary>The output texts as a JSON array.</summary>
    public string? OutputContent { get; init; }
}
