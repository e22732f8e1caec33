using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Platform.Kernels.Numerics;

namespace Platform.Kernels.Activations;

/// <summary>The SwiGLU feed-forward gate: output = silu(gate) · up, with silu(g) = g / (1 + e^-g). Output may alias gate.</summary>
public static class SwiGlu
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Apply(ReadOnlySpan<float> gate, ReadOnlySpan<float> up, Span<float> output, SimdLevel level = SimdLevel.Auto)
    {
        if (up.Length != gate.Length || output.Length < gate.Length)
            throw new ArgumentException("gate, up and output need the same length.");
        level = Simd.Resolve(level);
        var i = 0;
        if (level == SimdLevel.Vector512)
        {
            for (; i <= gate.Length - 16; i += 16)
            {
                var g = Vector512.Create(gate.Slice(i, 16));
                var silu = g / (Vector512<float>.One + Vector512.Exp(-g));
                (silu * Vector512.Create(up.Slice(i, 16))).CopyTo(output.Slice(i, 16));
            }
        }
        else if (level == SimdLevel.Vector256)
        {
            for (; i <= gate.Length - 8; i += 8)
            {
                var g = Vector256.Create(gate.Slice(i, 8));
                var silu = g / (Vector256<float>.One + Vector256.Exp(-g));
                (silu * Vector256.Create(up.Slice(i, 8))).CopyTo(output.Slice(i, 8));
            }
        }
        for (; i < gate.Length; i++)
            output[i] = gate[i] / (1f + MathF.Exp(-gate[i])) * up[i];
    }
}
