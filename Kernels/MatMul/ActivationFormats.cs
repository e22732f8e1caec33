using Platform.Kernels.Weights;

namespace Platform.Kernels.MatMul;

/// <summary>Which quantised activation formats a dispatch's weights need below <see cref="MatMulKernel.FloatTileTokens"/>.</summary>
[Flags]
internal enum ActivationFormats
{
    None = 0,
    /// <summary><see cref="Quantization.QuantizedActivations"/>, for Q8_0 and Q4_0.</summary>
    Blocks32 = 1,
    /// <summary><see cref="Quantization.SuperBlockActivations"/>, for the K-quants.</summary>
    SuperBlocks = 2,
}

/// <summary>Maps a weight type to the activation format its integer dot product reads.</summary>
internal static class ActivationFormat
{
    public static ActivationFormats For(WeightType type) =>
        WeightTypeInfo.IsKQuant(type) ? ActivationFormats.SuperBlocks
        : WeightTypeInfo.IsQuantized(type) ? ActivationFormats.Blocks32
        : ActivationFormats.None;
}
