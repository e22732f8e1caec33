namespace Platform.Api.Audit;

/// <summary>How the audit log runs: its sink, whether it keeps text, the prices, and the bounds of its queue.</summary>
public sealed record AuditOptions
{
    public required IAuditSink Sink { get; init; }

    /// <summary>`--audit-content`: records carry the request's messages or prompt and the output text.</summary>
    public bool Content { get; init; }

    public ModelPrices Prices { get; init; } = ModelPrices.None;

    /// <summary>
    /// Calls in progress plus records not yet written; past it new calls get 503 (fail closed), since a record could
    /// not be promised for them.
    /// </summary>
    public int QueueCapacity { get; init; } = 10_000;

    /// <summary>The most records one write carries.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>The longest wait between attempts while the sink fails (doubling from a tenth of a second).</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a stopping process keeps trying to write what is queued before it gives up (and logs how many).</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(15);
}
