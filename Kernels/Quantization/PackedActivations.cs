namespace Platform.Kernels.Quantization;

/// <summary>
/// Activations quantised to 8-bit blocks of 32 and interleaved for <see cref="QuantGemm"/>: tokens in groups of 8 (the last
/// padded with zeros), and per group and block 8 slots of 4 consecutive elements, each slot holding those 4 signed bytes
/// of all 8 tokens side by side. One 32-byte load then feeds a VNNI instruction whose lane t sums 4 products of token t.
/// Per group and block follow the 8 tokens' scales, their block sums times −128 and −8, which undo the offsets of
/// the unsigned weight bytes (Q8_0 + 128, Q4_0 + 8) in one load, the sums times −scale, which the K-quants' mins
/// multiply, and the sums of each 16-value half times −32 (Q6_K's offset, whose halves have their own scales).
/// </summary>
public readonly unsafe struct PackedActivations(byte* buffer, int tokens, int columns)
{
    /// <summary>Tokens per interleaved group (one int32 lane of a 256-bit vector each).</summary>
    public const int GroupTokens = 8;

    /// <summary>Where a block's 8 float scales start.</summary>
    public const int ScalesOffset = 256;

    /// <summary>Where a block's 8 int32 sums times −128 start.</summary>
    public const int Sums128Offset = 288;

    /// <summary>Where a block's 8 int32 sums times −8 start.</summary>
    public const int Sums8Offset = 320;

    /// <summary>Where a block's 8 float sums times −scale start.</summary>
    public const int ScaledSumsOffset = 352;

    /// <summary>Where a block's 8 int32 sums of its first 16 values times −32 start, followed by those of its last 16.</summary>
    public const int HalfSums32Offset = 384;

    /// <summary>Bytes per group and block: 256 values, 8 scales, 8 × 5 sums.</summary>
    public const int BlockBytes = 448;

    public int Tokens { get; } = tokens;
    public int Columns { get; } = columns;
    public int Blocks => Columns / 32;
    public int Groups => (Tokens + GroupTokens - 1) / GroupTokens;

    /// <summary>Bytes a buffer needs for <paramref name="tokens"/> tokens of <paramref name="columns"/> elements.</summary>
    public static long BytesFor(int tokens, int columns) => (long)(tokens + GroupTokens - 1) / GroupTokens * (columns / 32) * BlockBytes;

    /// <summary>The values of group <paramref name="group"/>, block <paramref name="block"/>; scales and sums at their offsets from it.</summary>
    public byte* Block(int group, int block) => buffer + ((long)group * Blocks + block) * BlockBytes;
}
