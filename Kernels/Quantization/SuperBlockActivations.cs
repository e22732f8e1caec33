namespace Platform.Kernels.Quantization;

/// <summary>
/// Activations quantised to 8 bits per 256-value super-block for K-quant dot products: per token, <c>K</c> signed bytes,
/// <c>K/256</c> float scales (value ≈ q·scale) and <c>K/16</c> int16 sums of the bytes of each 16-value group, which
/// the weights' per-group mins multiply without touching the bytes again.
/// </summary>
public readonly unsafe struct SuperBlockActivations(sbyte* values, float* scales, short* sums, int tokens, int columns)
{
    public const int SuperBlock = 256;
    public const int Group = 16;

    public sbyte* Values { get; } = values;
    public float* Scales { get; } = scales;
    public short* Sums { get; } = sums;
    public int Tokens { get; } = tokens;
    public int Columns { get; } = columns;
    public int SuperBlocks => Columns / SuperBlock;

    public sbyte* TokenValues(int token) => Values + (long)token * Columns;

    public float* TokenScales(int token) => Scales + (long)token * SuperBlocks;

    public short* TokenSums(int token) => Sums + (long)token * (Columns / Group);
}
