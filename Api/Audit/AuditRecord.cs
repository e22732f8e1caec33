namespace Platform.Api.Audit;

/// <summary>One API call as the audit log keeps it: who, what, how it ended, its tokens and cost; text only with content auditing.</summary>
public sealed class AuditRecord
{
    /// <summary>Unique per record (time-ordered), so a batch retried after an unacknowledged write is not stored twice.</summary>
    public Guid Id { get; init; }

    /// <summary>When the call arrived, UTC.</summary>
    public DateTimeOffset Time { get; init; }

    /// <summary>The response id the client got (`chatcmpl-…`, `cmpl-…`), or the server's connection-scoped request id.</summary>
    public required string RequestId { get; init; }

    public required string Tenant { get; init; }

    /// <summary>The served model the call named; null when it named none or one that is not served.</summary>
    public string? Model { get; init; }

    /// <summary>The route pattern (`/v1/sessions/{id}`), or `unmatched`.</summary>
    public required string Route { get; init; }

    public required string Method { get; init; }

    /// <summary>The HTTP status sent; 499 when the client left before any was sent.</summary>
    public int Status { get; init; }

    /// <summary>Whether the client went away before the response ended (a stream cut short, or no response at all).</summary>
    public bool ClientDisconnected { get; init; }

    /// <summary>The error code the response (or the event that ended its stream) carried.</summary>
    public string? Error { get; init; }

    public int PromptTokens { get; init; }

    /// <summary>Prompt tokens served from the prefix cache (a part of <see cref="PromptTokens"/>).</summary>
    public int CachedTokens { get; init; }

    public int CompletionTokens { get; init; }

    /// <summary>From arrival until the response ended, in milliseconds.</summary>
    public double LatencyMs { get; init; }

    /// <summary>From the configured prices of <see cref="Model"/>; null when the model has no price.</summary>
    public decimal? Cost { get; init; }

    /// <summary>The request's `user` field (the client's end-user id): recorded, never used to serve.</summary>
    public string? EndUser { get; init; }

    /// <summary>The request's `safety_identifier` (OpenAI's hashed end-user id): recorded, never used to serve.</summary>
    public string? SafetyIdentifier { get; init; }

    /// <summary>The request's messages or prompt and the output texts, only when content auditing is on.</summary>
    public AuditContent? Content { get; init; }
}
