using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Platform.Kernels.Numerics;
using Platform.Kernels.Weights;

namespace Platform.Kernels.Quantization;

/// <summary>
/// Q8_0/Q4_0/Q4_K/Q5_K/Q6_K weights times a batch of 8-bit activations (<see cref="PackedActivations"/>) with AVX-VNNI, in register
/// tiles of 4 weight rows × 16 tokens. Each 4 weight bytes are broadcast and multiplied with the same 4 elements of 8
/// tokens in one instruction (lane t sums token t), so no horizontal sums are needed and a weight is read once per 16
/// tokens. Once per call the rows are staged as unsigned bytes (VNNI multiplies unsigned by signed bytes), 4 rows
/// interleaved per block, with float scales: the tile loop then reads one pointer and the activations' block sums
/// undo the weights' offset, so no per-row correction is ever computed. Each block's int32 sums are converted and
/// scaled by both block scales in one FMA; a K-quant's min takes one more, with the activations' scaled block sums,
/// and Q6_K's two 16-value halves are scaled apart.
/// </summary>
public static unsafe class QuantGemm
{
    /// <summary>Whether this CPU and <paramref name="level"/> run the GEMM for <paramref name="type"/>.</summary>
    public static bool Supports(WeightType type, SimdLevel level) =>
        type is WeightType.Q8_0 or WeightType.Q4_0 or WeightType.Q4_K or WeightType.Q5_K or WeightType.Q6_K && AvxVnni.IsSupported && Simd.Resolve(level) >= SimdLevel.Vector256;

    /// <summary>Tokens per pass over a row range: their activations stay in L2 while the range's weights are read once per pass.</summary>
    private const int ChunkGroups = 8;

    /// <summary>Staged bytes per tile and block: 4 rows of 32 unsigned values.</summary>
    private const int TileBlockBytes = 4 * 32;

    /// <summary>
    /// Floats of scratch <see cref="Rows"/> needs for <paramref name="rows"/> rows of <paramref name="columns"/> and
    /// <paramref name="tokens"/> tokens: staged bytes, scales and mins of every tile when the tokens take several passes,
    /// else of one tile (staged, used and replaced while in L1).
    /// </summary>
    public static long ScratchFloats(int rows, int columns, int tokens) =>
        (long)StagedTiles(rows, (tokens + PackedActivations.GroupTokens - 1) / PackedActivations.GroupTokens) * (columns / 32) * (TileBlockBytes / 4 + 12);

    private static int StagedTiles(int rows, int groups) => groups > ChunkGroups ? (rows + 3) / 4 : 1;

    /// <summary>
    /// y[t·ldy + n] = row n · token t for rows [<paramref name="start"/>, <paramref name="end"/>) and every token of
    /// <paramref name="x"/>. <paramref name="scratch"/> holds <see cref="ScratchFloats"/> floats (the caller's, so the hot path never allocates).
    /// </summary>
    public static void Rows(in WeightMatrix w, int start, int end, PackedActivations x, float* y, int ldy, float* scratch)
    {
        if (w.Columns != x.Columns) throw new ArgumentException($"weights have {w.Columns} columns, activations {x.Columns}.");
        if (!Supports(w.Type, SimdLevel.Auto)) throw new PlatformNotSupportedException($"the int8 GEMM needs AVX-VNNI and Q8_0, Q4_0 or K-quant weights, not {w.Type}.");
        if (start >= end) return;
        switch (w.Type)
        {
            case WeightType.Q8_0: Rows<Q8_0Gemm>(in w, start, end, x, y, ldy, scratch); break;
            case WeightType.Q4_0: Rows<Q4_0Gemm>(in w, start, end, x, y, ldy, scratch); break;
            case WeightType.Q4_K: Rows<KQuantGemm<Q4_KBlock>>(in w, start, end, x, y, ldy, scratch); break;
            case WeightType.Q5_K: Rows<KQuantGemm<Q5_KBlock>>(in w, start, end, x, y, ldy, scratch); break;
            default: Rows<Q6_KGemm>(in w, start, end, x, y, ldy, scratch); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rows<TB>(in WeightMatrix w, int start, int end, PackedActivations x, float* y, int ldy, float* scratch)
        where TB : struct, IGemmBlock
    {
        var blocks = x.Blocks;
        var tiles = StagedTiles(end - start, x.Groups);
        var staged = (byte*)scratch;
        var scales = scratch + (long)tiles * blocks * (TileBlockBytes / 4);
        var mins = scales + (long)tiles * blocks * 8;
        var result = stackalloc float[4 * 2 * PackedActivations.GroupTokens];
        for (var g0 = 0; g0 < x.Groups; g0 += ChunkGroups)
        {
            var g1 = Math.Min(x.Groups, g0 + ChunkGroups);
            for (var tile = 0; tile < (end - start + 3) / 4; tile++)
            {
                var n = start + tile * 4;
                var count = Math.Min(4, end - n);
                var slot = tiles == 1 ? 0 : tile;
                var tileWeights = staged + (long)slot * blocks * TileBlockBytes;
                var tileScales = scales + (long)slot * blocks * (TB.HalfScales ? 8 : 4);
                var tileMins = mins + (long)slot * blocks * 4;
                // Staged on the first pass right before its first use, so it is still in L1 for it.
                if (g0 == 0) Stage<TB>(in w, n, end, blocks, tileWeights, tileScales, tileMins);
                for (var g = g0; g < g1; g += 2)
                {
                    var groups = Math.Min(2, g1 - g);
                    if (groups == 2)
                        Tile<TB, TwoGroups>(tileWeights, tileScales, tileMins, x.Block(g, 0), x.Block(g + 1, 0), blocks, result);
                    else
                        Tile<TB, OneGroup>(tileWeights, tileScales, tileMins, x.Block(g, 0), x.Block(g, 0), blocks, result);
                    for (var i = 0; i < groups; i++)
                    {
                        var first = (g + i) * PackedActivations.GroupTokens;
                        var tokens = Math.Min(PackedActivations.GroupTokens, x.Tokens - first);
                        Store(result + i * PackedActivations.GroupTokens, count, tokens, y + (long)first * ldy + n, ldy);
                    }
                }
            }
        }
    }

    /// <summary>
    /// The tile of rows [n, n + 4) as 4 interleaved rows per block (rows from <paramref name="end"/> on repeat the last
    /// row: computed, not stored), with each block's scale and min as floats, 4 per block.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Stage<TB>(in WeightMatrix w, int n, int end, int blocks, byte* staged, float* scales, float* mins)
        where TB : struct, IGemmBlock
    {
        for (var r = 0; r < 4; r++)
            TB.StageRow(w.Row(Math.Min(n + r, end - 1)), blocks, staged + r * 32, TileBlockBytes, scales + r, mins + r);
    }

    /// <summary>
    /// One group's results of a tile (row r's 8 tokens at source + 16·r) to y[t·ldy + r]: a 4 × 8 transpose in registers
    /// for a full tile and group (8 stores of 4 rows), one float at a time at the edges.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(float* source, int rows, int tokens, float* y, int ldy)
    {
        if (rows == 4 && tokens == PackedActivations.GroupTokens)
        {
            var f0 = Vector256.Load(source);
            var f1 = Vector256.Load(source + 16);
            var f2 = Vector256.Load(source + 32);
            var f3 = Vector256.Load(source + 48);
            var a = Avx.UnpackLow(f0, f1).AsDouble();
            var b = Avx.UnpackHigh(f0, f1).AsDouble();
            var c = Avx.UnpackLow(f2, f3).AsDouble();
            var d = Avx.UnpackHigh(f2, f3).AsDouble();
            // Each 128-bit half holds the 4 rows of one token: tokens 0..3 in the low halves, 4..7 in the high.
            var t0 = Avx.UnpackLow(a, c).AsSingle();
            var t1 = Avx.UnpackHigh(a, c).AsSingle();
            var t2 = Avx.UnpackLow(b, d).AsSingle();
            var t3 = Avx.UnpackHigh(b, d).AsSingle();
            long s = ldy;
            t0.GetLower().Store(y);
            t1.GetLower().Store(y + s);
            t2.GetLower().Store(y + 2 * s);
            t3.GetLower().Store(y + 3 * s);
            t0.GetUpper().Store(y + 4 * s);
            t1.GetUpper().Store(y + 5 * s);
            t2.GetUpper().Store(y + 6 * s);
            t3.GetUpper().Store(y + 7 * s);
            return;
        }
        for (var r = 0; r < rows; r++)
            for (var lane = 0; lane < tokens; lane++)
                y[(long)lane * ldy + r] = source[r * 16 + lane];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Dot(Vector256<int> acc, byte* w, Vector256<sbyte> x) =>
        AvxVnni.MultiplyWideningAndAdd(acc, Vector256.Create(*(uint*)w).AsByte(), x);

    /// <summary>One group's block of the 4 rows into their float sums: each int32 sum times both scales, and a K-quant's min times the scaled block sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate<TB>(byte* x, float* scales, float* mins, Vector256<int> i0, Vector256<int> i1, Vector256<int> i2, Vector256<int> i3,
        ref Vector256<float> f0, ref Vector256<float> f1, ref Vector256<float> f2, ref Vector256<float> f3)
        where TB : struct, IGemmBlock
    {
        var d = Vector256.Load((float*)(x + PackedActivations.ScalesOffset));
        f0 = Fma.MultiplyAdd(Avx.ConvertToVector256Single(i0), d * scales[0], f0);
        f1 = Fma.MultiplyAdd(Avx.ConvertToVector256Single(i1), d * scales[1], f1);
        f2 = Fma.MultiplyAdd(Avx.ConvertToVector256Single(i2), d * scales[2], f2);
        f3 = Fma.MultiplyAdd(Avx.ConvertToVector256Single(i3), d * scales[3], f3);
        if (!TB.HasMins) return;
        var sums = Vector256.Load((float*)(x + PackedActivations.ScaledSumsOffset));
        f0 = Fma.MultiplyAdd(sums, Vector256.Create(mins[0]), f0);
        f1 = Fma.MultiplyAdd(sums, Vector256.Create(mins[1]), f1);
        f2 = Fma.MultiplyAdd(sums, Vector256.Create(mins[2]), f2);
        f3 = Fma.MultiplyAdd(sums, Vector256.Create(mins[3]), f3);
    }

    /// <summary>Slots <paramref name="slot"/> and slot + 1 of one block (staged weights at <paramref name="w"/>) for the 4 rows and 1 or 2 token groups of a tile.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pair<TG>(int slot, byte* a, byte* c, byte* w,
        ref Vector256<int> i0, ref Vector256<int> i1, ref Vector256<int> i2, ref Vector256<int> i3,
        ref Vector256<int> j0, ref Vector256<int> j1, ref Vector256<int> j2, ref Vector256<int> j3)
        where TG : struct, IGroupCount
    {
        var low = slot * 4;
        var high = low + 4;
        var al = Vector256.Load((sbyte*)a + low * 8);
        var ah = Vector256.Load((sbyte*)a + high * 8);
        var cl = TG.Two ? Vector256.Load((sbyte*)c + low * 8) : default;
        var ch = TG.Two ? Vector256.Load((sbyte*)c + high * 8) : default;
        i0 = Dot(Dot(i0, w + low, al), w + high, ah);
        if (TG.Two) j0 = Dot(Dot(j0, w + low, cl), w + high, ch);
        i1 = Dot(Dot(i1, w + 32 + low, al), w + 32 + high, ah);
        if (TG.Two) j1 = Dot(Dot(j1, w + 32 + low, cl), w + 32 + high, ch);
        i2 = Dot(Dot(i2, w + 64 + low, al), w + 64 + high, ah);
        if (TG.Two) j2 = Dot(Dot(j2, w + 64 + low, cl), w + 64 + high, ch);
        i3 = Dot(Dot(i3, w + 96 + low, al), w + 96 + high, ah);
        if (TG.Two) j3 = Dot(Dot(j3, w + 96 + low, cl), w + 96 + high, ch);
    }

    /// <summary>4 staged rows × 1 or 2 token groups over every block; result[(row·2 + group)·8 + lane].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<TB, TG>(byte* w, float* scales, float* mins, byte* xa, byte* xb, int blocks, float* result)
        where TB : struct, IGemmBlock where TG : struct, IGroupCount
    {
        Vector256<float> f0 = default, f1 = default, f2 = default, f3 = default;
        Vector256<float> g0 = default, g1 = default, g2 = default, g3 = default;
        var a = xa;
        var c = xb;
        for (var b = 0; b < blocks; b++)
        {
            Vector256<int> i0 = TB.HasOffset ? Vector256.Load((int*)(a + TB.SumsOffset)) : default, i1 = i0, i2 = i0, i3 = i0;
            Vector256<int> j0 = TG.Two && TB.HasOffset ? Vector256.Load((int*)(c + TB.SumsOffset)) : default, j1 = j0, j2 = j0, j3 = j0;
            // Written out pair by pair (inlined): a loop here makes the JIT spill the accumulators at every back edge.
            Pair<TG>(0, a, c, w, ref i0, ref i1, ref i2, ref i3, ref j0, ref j1, ref j2, ref j3);
            Pair<TG>(2, a, c, w, ref i0, ref i1, ref i2, ref i3, ref j0, ref j1, ref j2, ref j3);
            if (TB.HalfScales)
            {
                // The first 16 values (slots 0-3) have their own scale and offset sums; the last 16 start afresh.
                Accumulate<TB>(a, scales, mins, i0, i1, i2, i3, ref f0, ref f1, ref f2, ref f3);
                if (TG.Two) Accumulate<TB>(c, scales, mins, j0, j1, j2, j3, ref g0, ref g1, ref g2, ref g3);
                i0 = i1 = i2 = i3 = Vector256.Load((int*)(a + TB.SumsOffset + 32));
                if (TG.Two) j0 = j1 = j2 = j3 = Vector256.Load((int*)(c + TB.SumsOffset + 32));
            }
            Pair<TG>(4, a, c, w, ref i0, ref i1, ref i2, ref i3, ref j0, ref j1, ref j2, ref j3);
            Pair<TG>(6, a, c, w, ref i0, ref i1, ref i2, ref i3, ref j0, ref j1, ref j2, ref j3);
            var last = TB.HalfScales ? scales + 4 : scales;
            Accumulate<TB>(a, last, mins, i0, i1, i2, i3, ref f0, ref f1, ref f2, ref f3);
            if (TG.Two) Accumulate<TB>(c, last, mins, j0, j1, j2, j3, ref g0, ref g1, ref g2, ref g3);
            if (TB.HasMins) mins += 4;
            w += TileBlockBytes;
            scales += TB.HalfScales ? 8 : 4;
            a += PackedActivations.BlockBytes;
            c += PackedActivations.BlockBytes;
        }
        f0.Store(result);
        g0.Store(result + 8);
        f1.Store(result + 16);
        g1.Store(result + 24);
        f2.Store(result + 32);
        g2.Store(result + 40);
        f3.Store(result + 48);
        g3.Store(result + 56);
    }
}

/// <summary>Compile-time token-group count of a <see cref="QuantGemm"/> tile, so the one-group tile carries no second half.</summary>
internal interface IGroupCount
{
    static abstract bool Two { get; }
}

internal struct OneGroup : IGroupCount
{
    public static bool Two => false;
}

internal struct TwoGroups : IGroupCount
{
    public static bool Two => true;
}
