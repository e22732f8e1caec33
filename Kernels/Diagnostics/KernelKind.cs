namespace Platform.Kernels.Diagnostics;

/// <summary>What a timed span of a forward step did, for <see cref="KernelProfile"/>.</summary>
public enum KernelKind
{
    Embed,
    AttentionNorm,
    QkvMatMul,
    RopeAndCacheWrite,
    Attention,
    OutputMatMul,
    /// <summary>The residual add that ends a layer, with the next layer's attention norm.</summary>
    Residual,
    /// <summary>The residual add after attention, with the feed-forward norm.</summary>
    FeedForwardNorm,
    GateUpMatMul,
    SwiGlu,
    DownMatMul,
    FinalNorm,
    LogitsMatMul,
    /// <summary>Activation quantisation inside the matmuls above (already counted in their time).</summary>
    Quantize,
    Sampling,
}
