namespace Platform.Kernels.Quantization;

/// <summary>
/// Activations quantised to 8 bits per 256-value super-block for K-quant dot products. Per token: <c>K</c> signed bytes;
/// per super-block one float scale and, per 32-value block, an integer multiplier k in 1..<see cref="MaxMultiplier"/>
/// (value ≈ q·k·scale, so blocks quieter than the super-block's loudest keep most of their precision while the dot
/// product stays in integers); per 16-value group the int16 sum of k·q, which the weights' integer mins multiply.
/// </summary>
public readonly unsafe struct SuperBlockActivations(sbyte* values, float* scales, short* multipliers, short* sums, int tokens, int columns)
{
    public const int SuperBlock = 256;
    public const int Block = 32;
    public const int Group = 16;

    /// <summary>
    /// 4 keeps every sum in range: a Q6_K super-block's 32-bit total is at most 16 groups · 128 (scale) · 4 · 16·63·127,
    /// about 1.05·10⁹; a scale times k is at most 512 and a group's k·Σq at most 8128, both within int16.
    /// </summary>
    public const int MaxMultiplier = 4;

    public sbyte* Values { get; } = values;
    public float* Scales { get; } = scales;
    public short* Multipliers { get; } = multipliers;
    public short* Sums { get; } = sums;
    public int Tokens { get; } = tokens;
    public int Columns { get; } = columns;
    public int SuperBlocks => Columns / SuperBlock;

    public sbyte* TokenValues(int token) => Values + (long)token * Columns;

    public float* TokenScales(int token) => Scales + (long)token * SuperBlocks;

    /// <summary>Eight per super-block, one per 32-value block.</summary>
    public short* TokenMultipliers(int token) => Multipliers + (long)token * (Columns / Block);

    public short* TokenSums(int token) => Sums + (long)token * (Columns / Group);
}
