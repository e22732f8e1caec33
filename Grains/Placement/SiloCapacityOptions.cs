namespace Platform.Grains.Placement;

/// <summary>What this silo offers model replicas: the device its engines run on and its KV cache budget for all of them.</summary>
public sealed class SiloCapacityOptions
{
    /// <summary>The engines' device as the offer names it; the engine runs on the CPU only.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>KV cache bytes for every replica on this silo together (the `--kv-cache-memory` total).</summary>
    public long KvCacheBytes { get; init; } = 4L << 30;
}
