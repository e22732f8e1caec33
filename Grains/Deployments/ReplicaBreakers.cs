namespace Platform.Grains.Deployments;

/// <summary>
/// A circuit breaker per replica, kept where routing is decided: closed (routed as usual) until
/// <see cref="CircuitBreakerOptions.FailureThreshold"/> failures in a row open it; open, the replica gets no requests
/// for the cool-down; then half-open: one trial request is routed to it, and its outcome closes the breaker (the
/// request started) or opens it again. A trial with no outcome within another cool-down lets the next request try.
/// Callers report a start only when <see cref="WantsOutcome"/> said so at routing: a healthy replica's requests cost no
/// extra call.
/// </summary>
internal sealed class ReplicaBreakers(int replicas, CircuitBreakerOptions options, TimeProvider time)
{
    private struct Breaker
    {
        public int Failures;
        public bool Open;
        public long OpenedAt;
        public long? TrialAt;
    }

    private readonly Breaker[] _breakers = new Breaker[replicas];

    /// <summary>Whether the replica may get a request now: closed, or half-open with no trial outstanding.</summary>
    public bool Admits(int replica)
    {
        ref var b = ref _breakers[replica];
        if (!b.Open)
            return true;
        if (time.GetElapsedTime(b.OpenedAt) < options.CoolDown)
            return false;
        return b.TrialAt is not { } trial || time.GetElapsedTime(trial) >= options.CoolDown;
    }

    /// <summary>Whether the replica is ejected (open, cooling down or waiting on its trial).</summary>
    public bool IsOpen(int replica) => _breakers[replica].Open;

    /// <summary>A request was routed to the replica: if its breaker is half-open, that request is the trial.</summary>
    public void Routed(int replica)
    {
        ref var b = ref _breakers[replica];
        if (b.Open)
            b.TrialAt = time.GetTimestamp();
    }

    /// <summary>A request failed on the replica before its first token, or lost it mid-stream.</summary>
    public void Failed(int replica)
    {
        if (options.FailureThreshold <= 0)
            return;
        ref var b = ref _breakers[replica];
        b.Failures++;
        // A failed trial opens it again for a full cool-down; enough failures in a row open a closed one.
        if (b.Open || b.Failures >= options.FailureThreshold)
        {
            b.Open = true;
            b.OpenedAt = time.GetTimestamp();
            b.TrialAt = null;
        }
    }

    /// <summary>Whether a request routed to the replica should report that it started: the replica has failures to forget, or this is its trial.</summary>
    public bool WantsOutcome(int replica) => _breakers[replica] is { Failures: > 0 } or { Open: true };

    /// <summary>A request started on the replica (its first chunk arrived): the failures in a row end, and an open breaker closes.</summary>
    public void Succeeded(int replica) => _breakers[replica] = default;
}
