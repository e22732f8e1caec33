using Prometheus;

namespace Platform.Api.Audit;

/// <summary>The audit log's instruments: failed writes, records written, calls refused, and the queue's fill.</summary>
public sealed class AuditMetrics
{
    private readonly Counter _failures, _written, _refused;

    public AuditMetrics(CollectorRegistry registry, AuditLog log)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        _failures = factory.CreateCounter("platform_audit_write_failures_total", "Audit sink writes that failed (each is retried; records stay queued).");
        _written = factory.CreateCounter("platform_audit_records_written_total", "Audit records the sink stored.");
        _refused = factory.CreateCounter("platform_audit_refused_total", "API calls answered 503 because the audit queue was full.");
        var queued = factory.CreateGauge("platform_audit_queue_records", "Calls in progress plus audit records not yet written.");
        var capacity = factory.CreateGauge("platform_audit_queue_capacity", "The audit queue's capacity; at it, new calls get 503.");
        capacity.Set(log.Options.QueueCapacity);
        registry.AddBeforeCollectCallback(() => queued.Set(log.Reserved));
    }

    public void WriteFailed() => _failures.Inc();

    public void Written(int records) => _written.Inc(records);

    public void Refused() => _refused.Inc();
}
