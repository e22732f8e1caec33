using Platform.Kernels.Numerics;
using Platform.Kernels.Quantization;
using Platform.Kernels.Weights;

namespace Platform.Kernels.MatMul;

/// <summary>Which product a matrix of a dispatch runs, by weight type and token count.</summary>
public enum MatMulPath
{
    /// <summary>Float weights, or quantised weights expanded to float tiles (<see cref="FloatTile"/>).</summary>
    Float,

    /// <summary>Per-row integer dot products with 8-bit activations (<see cref="QuantDot"/>, K-quants too).</summary>
    QuantDot,

    /// <summary>The VNNI register-tiled GEMM over interleaved 8-bit activations (<see cref="QuantGemm"/>).</summary>
    QuantGemm,
}

/// <summary>Picks the <see cref="MatMulPath"/>; the thresholds are measured (see <see cref="MatMulKernel"/>).</summary>
public static class MatMulPaths
{
    public static MatMulPath For(WeightType type, int tokens, SimdLevel level)
    {
        if (!WeightTypeInfo.IsQuantized(type)) return MatMulPath.Float;
        // A K-quant's per-row dot products read its blocks as they are stored, which the GEMM's per-call staging
        // only pays back from a few more tokens.
        var gemmTokens = WeightTypeInfo.IsKQuant(type) ? MatMulKernel.FloatTileTokens : MatMulKernel.GemmTokens;
        if (tokens >= gemmTokens && QuantGemm.Supports(type, level)) return MatMulPath.QuantGemm;
        return tokens < MatMulKernel.FloatTileTokens ? MatMulPath.QuantDot : MatMulPath.Float;
    }

    /// <summary>Whether that path multiplies activations rounded to 8-bit blocks (so a float reference must round them too).</summary>
    public static bool QuantizesActivations(MatMulPath path) => path != MatMulPath.Float;
}
