namespace Platform.Grains.Interfaces.Placement;

/// <summary>
/// What one engine silo offers for model replicas: its device, its KV cache budget and what is left of it, the models its
/// files can serve, and the replicas now on it (loading or loaded). <see cref="Silo"/> is the silo's parsable address.
/// </summary>
[GenerateSerializer, Alias("platform.SiloOffer")]
public sealed record SiloOffer(string Silo, string Device, long KvCacheBytes, long FreeKvCacheBytes, IReadOnlyList<string> Models, IReadOnlyList<string> Replicas);
