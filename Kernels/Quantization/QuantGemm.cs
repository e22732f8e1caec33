using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Platform.Kernels.Numerics;
using Platform.Kernels.Weights;

namespace Platform.Kernels.Quantization;

/// <summary>
/// Q8_0/Q4_0 weights times a batch of 8-bit activations (<see cref="PackedActivations"/>) with AVX-VNNI, in register
/// tiles of 4 weight rows × 16 tokens. Each 4 weight bytes are broadcast and multiplied with the same 4 elements of 8
/// tokens in one instruction (lane t sums token t), so no horizontal sums are needed and a weight is read once per 16
/// tokens. The activations carry +128 (VNNI multiplies unsigned by signed bytes); each block's int32 sums start at
/// the weights' correction for it, then are converted and scaled by both block scales in one FMA.
/// </summary>
public static unsafe class QuantGemm
{
    /// <summary>Whether this CPU and <paramref name="level"/> run the GEMM for <paramref name="type"/>.</summary>
    public static bool Supports(WeightType type, SimdLevel level) =>
        type is WeightType.Q8_0 or WeightType.Q4_0 && AvxVnni.IsSupported && Simd.Resolve(level) >= SimdLevel.Vector256;

    /// <summary>Tokens per pass over a row range: their activations stay in L2 while the range's weights are read once per pass.</summary>
    private const int ChunkGroups = 8;

    /// <summary>Floats of scratch <see cref="Rows"/> needs for <paramref name="rows"/> rows of <paramref name="columns"/>.</summary>
    public static long ScratchFloats(int rows, int columns) => 2L * (rows + 4) * (columns / 32);

    /// <summary>
    /// y[t·ldy + n] = row n · token t for rows [<paramref name="start"/>, <paramref name="end"/>) and every token of
    /// <paramref name="x"/>. <paramref name="scratch"/> holds <see cref="ScratchFloats"/> floats (the caller's, so the hot path never allocates).
    /// </summary>
    public static void Rows(in WeightMatrix w, int start, int end, PackedActivations x, float* y, int ldy, float* scratch)
    {
        if (w.Columns != x.Columns) throw new ArgumentException($"weights have {w.Columns} columns, activations {x.Columns}.");
        if (!Supports(w.Type, SimdLevel.Auto)) throw new PlatformNotSupportedException($"the int8 GEMM needs AVX-VNNI and Q8_0 or Q4_0 weights, not {w.Type}.");
        if (start >= end) return;
        if (w.Type == WeightType.Q8_0)
            Rows<Q8_0Gemm>(in w, start, end, x, y, ldy, scratch);
        else
            Rows<Q4_0Gemm>(in w, start, end, x, y, ldy, scratch);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rows<TB>(in WeightMatrix w, int start, int end, PackedActivations x, float* y, int ldy, float* scratch)
        where TB : struct, IGemmBlock
    {
        var blocks = x.Blocks;
        // Per row and block, once per call: the correction and the scale, so the tile loop makes no calls (which spill
        // registers); 4 more rows stage a short last tile, whose missing rows repeat its last row (computed, not stored).
        var corrections = (int*)scratch;
        var scales = scratch + (long)(end - start + 4) * blocks;
        for (var n = start; n < end + 4; n++)
        {
            var row = w.Row(n < end ? n : end - 1);
            var at = (long)(n - start) * blocks;
            for (var b = 0; b < blocks; b++)
            {
                corrections[at + b] = TB.Correction(row + b * TB.Bytes);
                scales[at + b] = HalfConversion.HalfToSingle(*(ushort*)(row + b * TB.Bytes));
            }
        }
        var result = stackalloc float[4 * 2 * PackedActivations.GroupTokens];
        var rows = stackalloc byte*[4];
        for (var g0 = 0; g0 < x.Groups; g0 += ChunkGroups)
        {
            var g1 = Math.Min(x.Groups, g0 + ChunkGroups);
            for (var n = start; n < end; n += 4)
            {
                var count = Math.Min(4, end - n);
                // A short last tile runs into the staging rows, right after it.
                var tile = (long)(n - start) * blocks;
                for (var r = 0; r < 4; r++) rows[r] = w.Row(n + Math.Min(r, count - 1));
                for (var g = g0; g < g1; g += 2)
                {
                    var groups = Math.Min(2, g1 - g);
                    if (groups == 2)
                        Tile<TB, TwoGroups>(rows[0], rows[1], rows[2], rows[3], corrections + tile, scales + tile, x.Block(g, 0), x.Block(g + 1, 0), blocks, result);
                    else
                        Tile<TB, OneGroup>(rows[0], rows[1], rows[2], rows[3], corrections + tile, scales + tile, x.Block(g, 0), x.Block(g, 0), blocks, result);
                    for (var r = 0; r < count; r++)
                        for (var i = 0; i < groups; i++)
                        {
                            var first = (g + i) * PackedActivations.GroupTokens;
                            var tokens = Math.Min(PackedActivations.GroupTokens, x.Tokens - first);
                            var source = result + (r * 2 + i) * PackedActivations.GroupTokens;
                            for (var lane = 0; lane < tokens; lane++)
                                y[(long)(first + lane) * ldy + n + r] = source[lane];
                        }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Dot(Vector256<int> acc, byte* x, Vector256<sbyte> weights) =>
        AvxVnni.MultiplyWideningAndAdd(acc, Vector256.Load(x), weights);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Scale(Vector256<int> dot, Vector256<float> scales, float weightScale, Vector256<float> acc) =>
        Fma.MultiplyAdd(Avx.ConvertToVector256Single(dot), scales * weightScale, acc);

    /// <summary>Slots <paramref name="pair"/> and pair + 4 of one block for the 4 rows and 1 or 2 token groups of a tile.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pair<TB, TG>(int pair, byte* a, byte* c, byte* w0, byte* w1, byte* w2, byte* w3,
        ref Vector256<int> i0, ref Vector256<int> i1, ref Vector256<int> i2, ref Vector256<int> i3,
        ref Vector256<int> j0, ref Vector256<int> j1, ref Vector256<int> j2, ref Vector256<int> j3)
        where TB : struct, IGemmBlock where TG : struct, IGroupCount
    {
        int low = pair * 32, high = (pair + 4) * 32;
        TB.Slots(w0, pair, out var lo, out var hi);
        i0 = Dot(Dot(i0, a + low, lo), a + high, hi);
        if (TG.Two) j0 = Dot(Dot(j0, c + low, lo), c + high, hi);
        TB.Slots(w1, pair, out lo, out hi);
        i1 = Dot(Dot(i1, a + low, lo), a + high, hi);
        if (TG.Two) j1 = Dot(Dot(j1, c + low, lo), c + high, hi);
        TB.Slots(w2, pair, out lo, out hi);
        i2 = Dot(Dot(i2, a + low, lo), a + high, hi);
        if (TG.Two) j2 = Dot(Dot(j2, c + low, lo), c + high, hi);
        TB.Slots(w3, pair, out lo, out hi);
        i3 = Dot(Dot(i3, a + low, lo), a + high, hi);
        if (TG.Two) j3 = Dot(Dot(j3, c + low, lo), c + high, hi);
    }

    /// <summary>4 rows × 1 or 2 token groups over every block; result[(row·2 + group)·8 + lane].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<TB, TG>(byte* w0, byte* w1, byte* w2, byte* w3, int* corrections, float* scales, byte* xa, byte* xb, int blocks, float* result)
        where TB : struct, IGemmBlock where TG : struct, IGroupCount
    {
        Vector256<float> f0 = default, f1 = default, f2 = default, f3 = default;
        Vector256<float> g0 = default, g1 = default, g2 = default, g3 = default;
        for (var b = 0; b < blocks; b++)
        {
            var a = xa + (long)b * PackedActivations.BlockBytes;
            var c = xb + (long)b * PackedActivations.BlockBytes;
            Vector256<int> i0 = Vector256.Create(corrections[b]), i1 = Vector256.Create(corrections[blocks + b]);
            Vector256<int> i2 = Vector256.Create(corrections[2 * blocks + b]), i3 = Vector256.Create(corrections[3 * blocks + b]);
            Vector256<int> j0 = i0, j1 = i1, j2 = i2, j3 = i3;
            if (TB.Offset8)
            {
                var sa = Vector256.Load((int*)(a + PackedActivations.Sums8Offset));
                i0 += sa; i1 += sa; i2 += sa; i3 += sa;
                if (TG.Two)
                {
                    var sc = Vector256.Load((int*)(c + PackedActivations.Sums8Offset));
                    j0 += sc; j1 += sc; j2 += sc; j3 += sc;
                }
            }
            // Written out pair by pair (inlined): a loop here makes the JIT spill the accumulators at every back edge.
            Pair<TB, TG>(0, a, c, w0, w1, w2, w3, ref i0, ref i1, ref i2, ref i3, ref j0, ref j1, ref j2, ref j3);
            Pair<TB, TG>(1, a, c, w0, w1, w2, w3, ref i0, ref i1, ref i2, ref i3, ref j0, ref j1, ref j2, ref j3);
            Pair<TB, TG>(2, a, c, w0, w1, w2, w3, ref i0, ref i1, ref i2, ref i3, ref j0, ref j1, ref j2, ref j3);
            Pair<TB, TG>(3, a, c, w0, w1, w2, w3, ref i0, ref i1, ref i2, ref i3, ref j0, ref j1, ref j2, ref j3);
            var da = Vector256.Load((float*)(a + PackedActivations.ScalesOffset));
            f0 = Scale(i0, da, scales[b], f0);
            f1 = Scale(i1, da, scales[blocks + b], f1);
            f2 = Scale(i2, da, scales[2 * blocks + b], f2);
            f3 = Scale(i3, da, scales[3 * blocks + b], f3);
            if (TG.Two)
            {
                var dc = Vector256.Load((float*)(c + PackedActivations.ScalesOffset));
                g0 = Scale(j0, dc, scales[b], g0);
                g1 = Scale(j1, dc, scales[blocks + b], g1);
                g2 = Scale(j2, dc, scales[2 * blocks + b], g2);
                g3 = Scale(j3, dc, scales[3 * blocks + b], g3);
            }
            w0 += TB.Bytes;
            w1 += TB.Bytes;
            w2 += TB.Bytes;
            w3 += TB.Bytes;
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
