using Platform.Kernels.Weights;

namespace Platform.Silo.Hosting;

/// <summary>Weight type names as the command line spells them (`--dtype f16`).</summary>
internal static class WeightTypeNames
{
    public static WeightType Parse(string value) => value.ToLowerInvariant() switch
    {
        "f32" => WeightType.F32,
        "f16" => WeightType.F16,
        "bf16" => WeightType.BF16,
        "q8_0" => WeightType.Q8_0,
        "q4_0" => WeightType.Q4_0,
        "q4_k" => WeightType.Q4_K,
        "q5_k" => WeightType.Q5_K,
        "q6_k" => WeightType.Q6_K,
        _ => throw new ArgumentException($"--dtype '{value}' is not one of f32, f16, bf16, q8_0, q4_0, q4_k, q5_k, q6_k."),
    };
}
