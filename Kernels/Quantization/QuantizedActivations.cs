namespace Platform.Kernels.Quantization;

/// <summary>
/// Activations quantised to 8 bits in blocks of 32 for integer dot products with Q8_0/Q4_0 weights:
/// per token, <c>K</c> signed bytes and <c>K/32</c> float scales (value ≈ q·scale).
/// </summary>
public readonly unsafe struct QuantizedActivations(sbyte* values, float* scales, int tokens, int columns)
{
    public sbyte* Values { get; } = values;
    public float* Scales { get; } = scales;
    public int Tokens { get; } = tokens;
    public int Columns { get; } = columns;
    public int Blocks => Columns / 32;

    public sbyte* TokenValues(int token) => Values + (long)token * Columns;

    public float* TokenScales(int token) => Scales + (long)token * Blocks;
}
