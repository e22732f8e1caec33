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
}

/// <summary>Sizes and names of the KV element types.</summary>
public static class KvCacheDtypes
{
    /// <summary>Bytes of one stored key or value element.</summary>
    public static int ElementSize(this KvCacheDtype dtype) => dtype == KvCacheDtype.F32 ? sizeof(float) : sizeof(ushort);

    /// <summary>The name the command line and metrics use: f32, f16 or bf16.</summary>
    public static string Name(this KvCacheDtype dtype) => dtype.ToString().ToLowerInvariant();
}
