using Platform.Kernels.Weights;

namespace Platform.Engine.Models.Weights;

/// <summary>All weights of a Llama-family decoder; matrices point into memory the owning <see cref="LoadedModel"/> keeps alive.</summary>
public sealed class ModelWeights
{
    public required WeightMatrix TokenEmbedding { get; init; }
    public required IReadOnlyList<LayerWeights> Layers { get; init; }
    public required float[] OutputNorm { get; init; }
    /// <summary>The LM head; the same matrix as <see cref="TokenEmbedding"/> when embeddings are tied.</summary>
    public required WeightMatrix Output { get; init; }
}
