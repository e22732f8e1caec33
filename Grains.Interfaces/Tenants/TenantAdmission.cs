namespace Platform.Grains.Interfaces.Tenants;

/// <summary>
/// The tenant grain's answer to one request: admitted with a lease on a concurrency slot (renew it every
/// <see cref="RenewEvery"/> while the request runs, then settle it), or refused.
/// </summary>
[GenerateSerializer, Alias("platform.TenantAdmission")]
public sealed record TenantAdmission(
    [property: Id(0)] Guid Lease,
    [property: Id(1)] TimeSpan RenewEvery,
    [property: Id(2)] TenantRefusal? Refusal)
{
    public bool Admitted => Refusal is null;
}

/// <summary>Why a request was refused: OpenAI's error code and type, a message naming the limit, and when to retry.</summary>
[GenerateSerializer, Alias("platform.TenantRefusal")]
public sealed record TenantRefusal(
    [property: Id(0)] string Code,
    [property: Id(1)] string Type,
    [property: Id(2)] string Message,
    [property: Id(3)] int RetryAfterSeconds)
{
    /// <summary>OpenAI's code for a rate limit (type `requests` or `tokens`).</summary>
    public const string RateLimitExceeded = "rate_limit_exceeded";

    /// <summary>OpenAI's code and type for a spent token budget.</summary>
    public const string InsufficientQuota = "insufficient_quota";
}
