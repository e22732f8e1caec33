using Platform.Kernels.Attention;

namespace Platform.Engine.Runner;

/// <summary>Runs the model's forward pass for a batch of sequence slices over a paged KV cache that it owns (the caller owns block ids).</summary>
public interface IModelRunner : IDisposable
{
    int VocabSize { get; }

    int BlockSize { get; }

    int NumBlocks { get; }

    long BytesPerBlock { get; }

    /// <summary>Element type of the KV cache.</summary>
    KvCacheDtype KvCacheDtype { get; }

    /// <summary>Computes every slice; for each slice with ComputeLogits, in batch order, writes VocabSize logits to <paramref name="logits"/>.</summary>
    void Forward(ReadOnlySpan<SequenceSlice> batch, Span<float> logits);
}
