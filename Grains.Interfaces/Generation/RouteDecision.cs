namespace Platform.Grains.Interfaces.Generation;

/// <summary>
/// The replica a deployment picked; <paramref name="ReportStart"/> asks the caller to report when the request started
/// there (its circuit breaker counts failures on that replica, or the request is its half-open trial).
/// </summary>
[GenerateSerializer, Alias("platform.RouteDecision")]
public sealed record RouteDecision(string ReplicaKey, bool ReportStart = false);
