namespace Platform.Kernels.Weights;

/// <summary>How a weight matrix's elements are stored; the quantised kinds use ggml's block layouts.</summary>
public enum WeightType
{
    F32,
    F16,
    BF16,
    /// <summary>Blocks of 32: an F16 scale, then 32 signed bytes (34 bytes).</summary>
    Q8_0,
    /// <summary>Blocks of 32: an F16 scale, then 16 bytes of 4-bit values, low nibbles first (18 bytes); value = (q - 8) * scale.</summary>
    Q4_0,
}
