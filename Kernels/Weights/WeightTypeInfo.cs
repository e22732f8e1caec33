namespace Platform.Kernels.Weights;

/// <summary>Storage geometry of each <see cref="WeightType"/>.</summary>
public static class WeightTypeInfo
{
    /// <summary>Elements per quantisation block (1 for the float types).</summary>
    public static int BlockElements(WeightType type) => type switch
    {
        WeightType.Q8_0 or WeightType.Q4_0 => 32,
        WeightType.Q4_K or WeightType.Q5_K or WeightType.Q6_K => 256,
        _ => 1,
    };

    public static int BlockBytes(WeightType type) => type switch
    {
        WeightType.F32 => 4,
        WeightType.F16 or WeightType.BF16 => 2,
        WeightType.Q8_0 => 34,
        WeightType.Q4_0 => 18,
        WeightType.Q4_K => 144,
        WeightType.Q5_K => 176,
        WeightType.Q6_K => 210,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown weight type"),
    };

    public static bool IsQuantized(WeightType type) => BlockElements(type) > 1;

    /// <summary>True for ggml's K-quants (super-blocks of 256 with per-group scales).</summary>
    public static bool IsKQuant(WeightType type) => type is WeightType.Q4_K or WeightType.Q5_K or WeightType.Q6_K;

    /// <summary>Bytes of one row of <paramref name="columns"/> elements; the column count must fill whole blocks.</summary>
    public static long RowBytes(WeightType type, int columns)
    {
        var block = BlockElements(type);
        if (columns % block != 0)
            throw new ArgumentException($"{type} rows must be a multiple of {block} elements; got {columns}.", nameof(columns));
        return (long)columns / block * BlockBytes(type);
    }
}
