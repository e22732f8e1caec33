namespace Platform.Grains.Interfaces.Models;

/// <summary>
/// What a replica reports of itself: its phase, the silo it lives on, its context length once loaded, its load, its last
/// load error, and its metrics once it has an engine.
/// </summary>
[GenerateSerializer, Alias("platform.ReplicaStatus")]
public sealed record ReplicaStatus(string ReplicaKey, ReplicaPhase Phase, string Silo, int MaxModelLength, ReplicaLoad Load, string? LastError,
    ReplicaMetricsSnapshot? Metrics = null);
