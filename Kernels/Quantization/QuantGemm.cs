using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Platform.Kernels.Numerics;
using Platform.Kernels.Weights;

namespace Platform.Kernels.Quantization;

/// <summary>
/// Q8_0/Q4_0 weights times a batch of 8-bit activations (<see cref="PackedActivations"/>) with AVX-VNNI: a register tile
/// of 4 weight rows × 16 tokens. Each 4 weight bytes are broadcast and multiplied with the same 4 elements of 8 tokens in
/// one instruction, so weights are read once per 16 tokens and no horizontal sums are needed; per block the int32 sums
/// (started at −offset·Σx to undo the unsigned weight offset) are converted and scaled by both block scales in one FMA.
/// </summary>
public static unsafe class QuantGemm
{
    /// <summary>Whether this CPU and <paramref name="level"/> run the GEMM for <paramref name="type"/>.</summary>
    public static bool Supports(WeightType type, SimdLevel level) =>
        type is WeightType.Q8_0 or WeightType.Q4_0 && AvxVnni.IsSupported && Simd.Resolve(level) >= SimdLevel.Vector256;

    /// <summary>
    /// y[t·ldy + n] = row n · token t for rows [<paramref name="start"/>, <paramref name="end"/>) and the tokens of groups
    /// [<paramref name="firstGroup"/>, <paramref name="endGroup"/>) of <paramref name="x"/> (all of them when endGroup is −1).
    /// </summary>
    public static void Rows(in WeightMatrix w, int start, int end, PackedActivations x, float* y, int ldy, int firstGroup = 0, int endGroup = -1)
    {
        if (endGroup < 0) endGroup = x.Groups;
        if (w.Columns != x.Columns) throw new ArgumentException($"weights have {w.Columns} columns, activations {x.Columns}.");
        if (!Supports(w.Type, SimdLevel.Auto)) throw new PlatformNotSupportedException($"the int8 GEMM needs AVX-VNNI and Q8_0 or Q4_0 weights, not {w.Type}.");
        if (w.Type == WeightType.Q8_0)
            Rows<Q8_0Gemm>(in w, start, end, x, y, ldy, firstGroup, endGroup);
        else
            Rows<Q4_0Gemm>(in w, start, end, x, y, ldy, firstGroup, endGroup);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rows<TB>(in WeightMatrix w, int start, int end, PackedActivations x, float* y, int ldy, int firstGroup, int endGroup) where TB : struct, IGemmBlock
    {
        var result = stackalloc float[4 * 2 * PackedActivations.GroupTokens];
        for (var n = start; n < end; n += 4)
        {
            var rows = Math.Min(4, end - n);
            // A short last tile repeats its last row; the repeats are computed and not stored.
            byte* w0 = w.Row(n), w1 = w.Row(n + Math.Min(1, rows - 1)), w2 = w.Row(n + Math.Min(2, rows - 1)), w3 = w.Row(n + rows - 1);
            for (var g = firstGroup; g < endGroup; g += 2)
            {
                var groups = Math.Min(2, endGroup - g);
                if (groups == 2)
                    Tile<TB, TwoGroups>(w0, w1, w2, w3, x.Block(g, 0), x.Block(g + 1, 0), x.Blocks, result);
                else
                    Tile<TB, OneGroup>(w0, w1, w2, w3, x.Block(g, 0), x.Block(g, 0), x.Blocks, result);
                for (var r = 0; r < rows; r++)
                    for (var i = 0; i < groups; i++)
                    {
                        var first = (g + i) * PackedActivations.GroupTokens;
                        var count = Math.Min(PackedActivations.GroupTokens, x.Tokens - first);
                        var source = result + (r * 2 + i) * PackedActivations.GroupTokens;
                        for (var lane = 0; lane < count; lane++)
                            y[(long)(first + lane) * ldy + n + r] = source[lane];
                    }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Dot(Vector256<int> acc, Vector256<byte> weights, byte* x) =>
        AvxVnni.MultiplyWideningAndAdd(acc, weights, Vector256.Load((sbyte*)x));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Scale(Vector256<int> dot, Vector256<float> scales, byte* block, Vector256<float> acc) =>
        Fma.MultiplyAdd(Avx.ConvertToVector256Single(dot), scales * HalfConversion.HalfToSingle(*(ushort*)block), acc);

    /// <summary>4 rows × 1 or 2 token groups over every block; result[(row·2 + group)·8 + lane].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<TB, TG>(byte* w0, byte* w1, byte* w2, byte* w3, byte* xa, byte* xb, int blocks, float* result)
        where TB : struct, IGemmBlock where TG : struct, IGroupCount
    {
        Vector256<float> f0 = default, f1 = default, f2 = default, f3 = default;
        Vector256<float> g0 = default, g1 = default, g2 = default, g3 = default;
        for (var b = 0; b < blocks; b++)
        {
            var a = xa + (long)b * PackedActivations.BlockBytes;
            var c = xb + (long)b * PackedActivations.BlockBytes;
            var sa = Vector256.Load((int*)(a + TB.SumsField));
            Vector256<int> i0 = sa, i1 = sa, i2 = sa, i3 = sa, j0 = default, j1 = default, j2 = default, j3 = default;
            if (TG.Two)
            {
                var sc = Vector256.Load((int*)(c + TB.SumsField));
                j0 = sc; j1 = sc; j2 = sc; j3 = sc;
            }
            // The four slot pairs written out: a loop here makes the JIT spill the accumulators at every back edge.
            {
                byte* al = a + 0, ah = a + 128, cl = c + 0, ch = c + 128;
                TB.Slots(w0, 0, out var lo, out var hi);
                i0 = Dot(Dot(i0, lo, al), hi, ah);
                if (TG.Two) j0 = Dot(Dot(j0, lo, cl), hi, ch);
                TB.Slots(w1, 0, out lo, out hi);
                i1 = Dot(Dot(i1, lo, al), hi, ah);
                if (TG.Two) j1 = Dot(Dot(j1, lo, cl), hi, ch);
                TB.Slots(w2, 0, out lo, out hi);
                i2 = Dot(Dot(i2, lo, al), hi, ah);
                if (TG.Two) j2 = Dot(Dot(j2, lo, cl), hi, ch);
                TB.Slots(w3, 0, out lo, out hi);
                i3 = Dot(Dot(i3, lo, al), hi, ah);
                if (TG.Two) j3 = Dot(Dot(j3, lo, cl), hi, ch);
            }
            {
                byte* al = a + 32, ah = a + 160, cl = c + 32, ch = c + 160;
                TB.Slots(w0, 1, out var lo, out var hi);
                i0 = Dot(Dot(i0, lo, al), hi, ah);
                if (TG.Two) j0 = Dot(Dot(j0, lo, cl), hi, ch);
                TB.Slots(w1, 1, out lo, out hi);
                i1 = Dot(Dot(i1, lo, al), hi, ah);
                if (TG.Two) j1 = Dot(Dot(j1, lo, cl), hi, ch);
                TB.Slots(w2, 1, out lo, out hi);
                i2 = Dot(Dot(i2, lo, al), hi, ah);
                if (TG.Two) j2 = Dot(Dot(j2, lo, cl), hi, ch);
                TB.Slots(w3, 1, out lo, out hi);
                i3 = Dot(Dot(i3, lo, al), hi, ah);
                if (TG.Two) j3 = Dot(Dot(j3, lo, cl), hi, ch);
            }
            {
                byte* al = a + 64, ah = a + 192, cl = c + 64, ch = c + 192;
                TB.Slots(w0, 2, out var lo, out var hi);
                i0 = Dot(Dot(i0, lo, al), hi, ah);
                if (TG.Two) j0 = Dot(Dot(j0, lo, cl), hi, ch);
                TB.Slots(w1, 2, out lo, out hi);
                i1 = Dot(Dot(i1, lo, al), hi, ah);
                if (TG.Two) j1 = Dot(Dot(j1, lo, cl), hi, ch);
                TB.Slots(w2, 2, out lo, out hi);
                i2 = Dot(Dot(i2, lo, al), hi, ah);
                if (TG.Two) j2 = Dot(Dot(j2, lo, cl), hi, ch);
                TB.Slots(w3, 2, out lo, out hi);
                i3 = Dot(Dot(i3, lo, al), hi, ah);
                if (TG.Two) j3 = Dot(Dot(j3, lo, cl), hi, ch);
            }
            {
                byte* al = a + 96, ah = a + 224, cl = c + 96, ch = c + 224;
                TB.Slots(w0, 3, out var lo, out var hi);
                i0 = Dot(Dot(i0, lo, al), hi, ah);
                if (TG.Two) j0 = Dot(Dot(j0, lo, cl), hi, ch);
                TB.Slots(w1, 3, out lo, out hi);
                i1 = Dot(Dot(i1, lo, al), hi, ah);
                if (TG.Two) j1 = Dot(Dot(j1, lo, cl), hi, ch);
                TB.Slots(w2, 3, out lo, out hi);
                i2 = Dot(Dot(i2, lo, al), hi, ah);
                if (TG.Two) j2 = Dot(Dot(j2, lo, cl), hi, ch);
                TB.Slots(w3, 3, out lo, out hi);
                i3 = Dot(Dot(i3, lo, al), hi, ah);
                if (TG.Two) j3 = Dot(Dot(j3, lo, cl), hi, ch);
            }
            var da = Vector256.Load((float*)(a + 256));
            f0 = Scale(i0, da, w0, f0);
            f1 = Scale(i1, da, w1, f1);
            f2 = Scale(i2, da, w2, f2);
            f3 = Scale(i3, da, w3, f3);
            if (TG.Two)
            {
                var dc = Vector256.Load((float*)(c + 256));
                g0 = Scale(j0, dc, w0, g0);
                g1 = Scale(j1, dc, w1, g1);
                g2 = Scale(j2, dc, w2, g2);
                g3 = Scale(j3, dc, w3, g3);
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
