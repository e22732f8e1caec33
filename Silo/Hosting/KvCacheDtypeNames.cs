using Platform.Kernels.Attention;

namespace Platform.Silo.Hosting;

/// <summary>`--kv-cache-dtype` values: auto (half precision, f16), f32, f16, bf16, or vLLM's fp8 (= fp8_e4m3) and fp8_e5m2.</summary>
internal static class KvCacheDtypeNames
{
    /// <summary>What auto means: f16 keeps the golden logits within 1e-3 of the float64 references; bf16 does not.</summary>
    public const KvCacheDtype Auto = KvCacheDtype.F16;

    public static KvCacheDtype Parse(string value) => value.ToLowerInvariant() switch
    {
        "auto" => Auto,
        "f32" => KvCacheDtype.F32,
        "f16" => KvCacheDtype.F16,
        "bf16" => KvCacheDtype.BF16,
        "fp8" or "fp8_e4m3" => KvCacheDtype.Fp8E4M3,
        "fp8_e5m2" => KvCacheDtype.Fp8E5M2,
        _ => throw new ArgumentException($"--kv-cache-dtype '{value}' is not one of auto, f32, f16, bf16, fp8, fp8_e4m3, fp8_e5m2."),
    };
}
