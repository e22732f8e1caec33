using System.Numerics.Tensors;

namespace Platform.Kernels.Normalization;

/// <summary>RMSNorm: y = x / sqrt(mean(x²) + eps) · weight.</summary>
public static class RmsNorm
{
    public static void Apply(ReadOnlySpan<float> x, ReadOnlySpan<float> weight, Span<float> y, float epsilon)
    {
        if (weight.Length != x.Length || y.Length < x.Length)
            throw new ArgumentException($"RMSNorm over {x.Length} elements needs a weight of that length (got {weight.Length}) and room for the output (got {y.Length}).");
        var meanSquare = TensorPrimitives.SumOfSquares(x) / x.Length;
        var scale = 1f / MathF.Sqrt(meanSquare + epsilon);
        TensorPrimitives.Multiply(x, scale, y);
        TensorPrimitives.Multiply(y[..x.Length], weight, y);
    }
}
