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
    /// <summary>Super-blocks of 256 (144 bytes): F16 scale and min, 6-bit scales and mins of eight 32-element groups, 4-bit values; value = d·sc·q − dmin·m.</summary>
    Q4_K,
    /// <summary>As <see cref="Q4_K"/> with a fifth bit per value in 32 more bytes (176 bytes).</summary>
    Q5_K,
    /// <summary>Super-blocks of 256 (210 bytes): 4 low and 2 high bits per value, sixteen 8-bit scales of 16-element groups, F16 scale; value = d·sc·(q − 32).</summary>
    Q6_K,
}
