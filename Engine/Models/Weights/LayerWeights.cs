using Platform.Kernels.Weights;

namespace Platform.Engine.Models.Weights;

/// <summary>One decoder layer's weights: attention (with optional Q/K/V biases) and the SwiGLU feed-forward.</summary>
public sealed class LayerWeights
{
    public required float[] AttentionNorm { get; init; }
    public required WeightMatrix Query { get; init; }
    public required WeightMatrix Key { get; init; }
    public required WeightMatrix Value { get; init; }
    public required WeightMatrix Output { get; init; }
    public float[]? QueryBias { get; init; }
    public float[]? KeyBias { get; init; }
    public float[]? ValueBias { get; init; }
    public required float[] FeedForwardNorm { get; init; }
    public required WeightMatrix Gate { get; init; }
    public required WeightMatrix Up { get; init; }
    public required WeightMatrix Down { get; init; }
}
