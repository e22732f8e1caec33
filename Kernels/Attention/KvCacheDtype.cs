namespace Platform.Kernels.Attention;

/// <summary>How the paged KV cache stores each key and value element; the attention kernel widens to float in registers.</summary>
public enum KvCacheDtype
{
    /// <summary>32-bit float: exact, twice the bytes of the half-precision types.</summary>
    F32,

    /// <summary>IEEE half, normal values and zero only (see <see cref="Numerics.NormalHalf"/>): 10 mantissa bits.</summary>
    F16,

    /// <summary>bfloat16: float's exponent range, 7 mantissa bits.</summary>
    BF16,

    /// <summary>OCP FP8 E4M3, normal values and zero (magnitudes 2^-6 to 448, see <see cref="Numerics.Fp8{TF}"/>): 3 mantissa bits.</summary>
    Fp8E4M3,

    /// <summary>OCP FP8 E5M2, normal values and zero (magnitudes 2^-14 to 57344): 2 mantissa bits.</summary>
    Fp8E5M2,
}

/// <summary>Sizes and names of the KV element types.</summary>
public static class KvCacheDtypes
{
    /// <summary>Bytes of one stored key or value element.</summary>
    public static int ElementSize(this KvCacheDtype dtype) => dtype switch
    {
        KvCacheDtype.F32 => sizeof(float),
        KvCacheDtype.F16 or KvCacheDtype.BF16 => sizeof(ushort),
        KvCacheDtype.Fp8E4M3 or KvCacheDtype.Fp8E5M2 => sizeof(byte),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "not a KV cache element type."),
    };

    /// <summary>The name the command line and metrics use: f32, f16, bf16, fp8_e4m3 or fp8_e5m2 (vLLM's names for the fp8 types).</summary>
    public static string Name(this KvCacheDtype dtype) => dtype switch
    {
        KvCacheDtype.Fp8E4M3 => "fp8_e4m3",
        KvCacheDtype.Fp8E5M2 => "fp8_e5m2",
        _ => dtype.ToString().ToLowerInvariant(),
    };
}
