namespace Platform.Grains.Interfaces.Generation;

/// <summary>
/// What a deployment routes on: the request's affinity key (session, cache key or prompt prefix), the chained keys of
/// its prompt's full KV blocks (empty when the policy does not need them), its prompt length, and the replicas it
/// already failed on (a retry goes elsewhere when another replica is ready).
/// </summary>
[GenerateSerializer, Alias("platform.RouteRequest")]
public sealed record RouteRequest(string AffinityKey, ulong[] BlockKeys, int PromptTokens, string[]? Avoid = null);
