using System.Numerics.Tensors;

namespace Platform.Kernels.Activations;

/// <summary>Numerically stable softmax: subtracts the maximum before exponentiating.</summary>
public static class Softmax
{
    public static void Apply(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        if (logits.IsEmpty) throw new ArgumentException("softmax of an empty vector.", nameof(logits));
        if (probabilities.Length < logits.Length) throw new ArgumentException("output shorter than input.", nameof(probabilities));
        var p = probabilities[..logits.Length];
        var max = TensorPrimitives.Max(logits);
        TensorPrimitives.Subtract(logits, max, p);
        TensorPrimitives.Exp(p, p);
        TensorPrimitives.Divide(p, TensorPrimitives.Sum(p), p);
    }
}
