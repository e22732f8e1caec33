namespace Platform.Runtime.GrainDirectory;

/// <summary>The cluster-wide map from grain id to its single activation; it decides races between would-be activations.</summary>
public interface IGrainDirectory
{
    /// <summary>Registers the address unless the grain already has one; returns the address that won.</summary>
    ValueTask<GrainAddress> RegisterAsync(GrainAddress address);

    /// <summary>Removes the entry only if it still names this exact activation.</summary>
    ValueTask UnregisterAsync(GrainAddress address);

    ValueTask<GrainAddress?> LookupAsync(GrainId grainId);
}
