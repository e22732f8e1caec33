using Platform.Api.Hosting;

namespace Platform.Api.Audit;

/// <summary>`/health` is 503 while the audit log refuses calls (its sink failing and its queue full), so a load balancer sends them elsewhere.</summary>
internal sealed class AuditHealthCheck(AuditLog log) : IDependencyCheck
{
    public Task<string?> CheckAsync(CancellationToken ct) => Task.FromResult(log.IsFailing && log.Reserved >= log.Options.QueueCapacity
        ? "The audit log cannot be written and its queue is full: API calls are refused until it recovers."
        : null);
}
