using System.Numerics.Tensors;

namespace Platform.Kernels.Sampling;

/// <summary>Greedy choice: the index of the largest logit (the first one on ties).</summary>
public static class ArgMax
{
    public static int Of(ReadOnlySpan<float> logits)
    {
        if (logits.IsEmpty) throw new ArgumentException("argmax of an empty vector.", nameof(logits));
        return TensorPrimitives.IndexOfMax(logits);
    }
}
