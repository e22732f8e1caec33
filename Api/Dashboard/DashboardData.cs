using System.Text.Json.Serialization;

namespace Platform.Api.Dashboard;

/// <summary>`GET /dashboard/data`: what the operator's page shows, sampled from the cluster (figures the silos' `/metrics` report).</summary>
public sealed record DashboardData(double Time, double WindowSeconds, IReadOnlyList<ModelPanel> Models, int? SessionsLive, IReadOnlyList<SiloRow> Silos);

/// <summary>One served model: its replicas, their load summed, its counters, and rates and latency percentiles over the window.</summary>
public sealed record ModelPanel(
    string Name,
    IReadOnlyList<ReplicaRow> Replicas,
    int Running,
    int Waiting,
    double KvCacheUsage,
    double RequestsTotal,
    double PromptTokensTotal,
    double GenerationTokensTotal,
    double PrefixCacheQueriesTotal,
    double PrefixCacheHitsTotal,
    double? PrefixCacheHitRate,
    double? TokensPerSecond,
    Percentiles TtftSeconds,
    Percentiles ItlSeconds,
    IReadOnlyList<HistoryPoint> History);

/// <summary>A replica as its deployment last heard from it.</summary>
public sealed record ReplicaRow(string Key, string Silo, string State, int Running, int Waiting, double KvCacheUsage);

/// <summary>Median and 99th percentile, null without observations in the window.</summary>
public sealed record Percentiles(double? P50, double? P99);

/// <summary>One sample for the charts: rates and percentiles over the few seconds before it, and the load at that moment.</summary>
public sealed record HistoryPoint(double Time, double? TokensPerSecond, double? TtftP50, double? TtftP99, double? ItlP50, double? ItlP99, int Running, int Waiting,
    double KvCacheUsage);

/// <summary>A cluster member with its load as Orleans' management grain reports it.</summary>
public sealed record SiloRow(string Address, string Status, int? Activations, int Replicas, double? CpuPercent, long? MemoryBytes);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(DashboardData))]
internal sealed partial class DashboardJsonContext : JsonSerializerContext;
