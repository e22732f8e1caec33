using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Platform.Grains.Interfaces.Tenants;

namespace Platform.Grains.Tenants;

/// <summary>
/// One tenant's limits and usage for the whole cluster. Rate windows and concurrency leases live in memory (a
/// reactivation starts them afresh); the day and month usage is grain state (`tenant` in the default storage), written
/// at most every <see cref="TenantGrainOptions.PersistInterval"/> and on deactivation, off the admission path.
/// A request is admitted while its tenant is under each limit; its real tokens are counted when it settles, so the
/// request that crosses a token limit finishes and the next one is refused.
/// </summary>
public sealed class TenantGrain(
    [PersistentState("tenant")] IPersistentState<TenantUsageState> state,
    TimeProvider clock,
    IOptions<TenantGrainOptions> options,
    ILogger<TenantGrain> logger) : Grain, ITenantGrain
{
    readonly MinuteWindow _requests = new();
    readonly MinuteWindow _tokens = new();
    readonly RequestLeases _leases = new();
    bool _dirty;

    string Tenant => this.GetPrimaryKeyString();

    TenantGrainOptions Options => options.Value;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions(Options.PersistInterval, Options.PersistInterval) { KeepAlive = false });
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => FlushAsync(cancellationToken);

    public Task<TenantAdmission> Admit(TenantLimits limits)
    {
        var now = clock.GetUtcNow();
        var usage = Usage(now);
        var refusal = Refuse(limits, usage, now);
        if (refusal is not null)
            return Task.FromResult(new TenantAdmission(Guid.Empty, TimeSpan.Zero, refusal));
        _requests.Add(now, 1);
        usage.Day = usage.Day!.AddRequest();
        usage.Month = usage.Month!.AddRequest();
        _dirty = true;
        var lease = _leases.Open(now + Options.LeaseDuration);
        return Task.FromResult(new TenantAdmission(lease, Options.LeaseDuration / 3, null));
    }

    public Task<bool> Renew(Guid lease)
    {
        var now = clock.GetUtcNow();
        return Task.FromResult(_leases.Renew(lease, now, now + Options.LeaseDuration));
    }

    public Task Settle(Guid lease, TenantTokens used)
    {
        _leases.Close(lease);
        var now = clock.GetUtcNow();
        var usage = Usage(now);
        usage.Day = usage.Day!.Add(used);
        usage.Month = usage.Month!.Add(used);
        _tokens.Add(now, used.Total);
        _dirty = true;
        return Task.CompletedTask;
    }

    public Task<TenantUsageReport> GetUsage()
    {
        var now = clock.GetUtcNow();
        var usage = Usage(now);
        return Task.FromResult(new TenantUsageReport(usage.Day!, usage.Month!, _requests.Sum(now), _tokens.Sum(now), _leases.Count(now)));
    }

    /// <summary>The first limit the next request would break: budgets, then concurrency, then the minute's requests and tokens.</summary>
    TenantRefusal? Refuse(TenantLimits limits, TenantUsageState usage, DateTimeOffset now)
    {
        if (limits.TokensPerDay is { } perDay && usage.Day!.Tokens.Total >= perDay)
            return TenantRefusals.Quota(Tenant, "day", perDay, usage.Day, now);
        if (limits.TokensPerMonth is { } perMonth && usage.Month!.Tokens.Total >= perMonth)
            return TenantRefusals.Quota(Tenant, "month", perMonth, usage.Month, now);
        if (limits.MaxConcurrentRequests is { } concurrent && _leases.Count(now) >= concurrent)
            return TenantRefusals.Concurrency(Tenant, concurrent);
        if (limits.RequestsPerMinute is { } rpm && _requests.Sum(now) is var requests && requests >= rpm)
            return TenantRefusals.RateLimit(Tenant, "requests", "requests per minute", rpm, requests, _requests.SecondsUntilBelow(now, rpm));
        if (limits.TokensPerMinute is { } tpm && _tokens.Sum(now) is var tokens && tokens >= tpm)
            return TenantRefusals.RateLimit(Tenant, "tokens", "tokens per minute", tpm, tokens, _tokens.SecondsUntilBelow(now, tpm));
        return null;
    }

    TenantUsageState Usage(DateTimeOffset now)
    {
        var before = state.State.Day;
        state.State.Roll(now);
        _dirty |= !ReferenceEquals(before, state.State.Day);
        return state.State;
    }

    async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (!_dirty)
            return;
        _dirty = false;
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            // Kept for the next tick: a database outage delays the write, it does not lose the count.
            _dirty = true;
            logger.LogWarning("Usage of tenant {Tenant} could not be stored ({Error}); retrying.", Tenant, error.GetType().Name);
            if (error is InconsistentStateException)
            {
                // Another activation wrote since we read: this one's counts are stale; the next activation reads fresh ones.
                _dirty = false;
                DeactivateOnIdle();
            }
        }
    }
}
