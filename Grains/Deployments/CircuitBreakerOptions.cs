namespace Platform.Grains.Deployments;

/// <summary>When a deployment ejects a failing replica from routing, and for how long (`--breaker-failures`, `--breaker-cooldown`).</summary>
public sealed record CircuitBreakerOptions
{
    /// <summary>Consecutive failures (a replica failing a request before its first token, or losing it mid-stream) that eject it; 0 turns the breaker off.</summary>
    public int FailureThreshold { get; init; } = 3;

    /// <summary>How long an ejected replica gets no requests; then one trial request decides (half-open).</summary>
    public TimeSpan CoolDown { get; init; } = TimeSpan.FromSeconds(30);
}
