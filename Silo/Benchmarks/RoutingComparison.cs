namespace Platform.Silo.Benchmarks;

/// <summary>What a routing comparison ran and measured: the sized workload, what the server's tokenizer made of it, and the rows (baseline first when there is one).</summary>
public sealed record RoutingComparison(TenantWorkload Workload, TokenCalibration Calibration, IReadOnlyList<PolicyResult> Rows);
