using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Platform.Kernels.Numerics;
using Platform.Kernels.Weights;

namespace Platform.Kernels.Quantization;

/// <summary>
/// Dot products of K-quant weight rows with <see cref="SuperBlockActivations"/>, in integers per 256-value super-block:
/// codes × activations as 16-bit pair sums (codes fit in 6 bits and |activations| ≤ 127, so a pair is at most
/// 2·63·127 and never saturates), times each group's integer scale and the activation block's multiplier into 32-bit
/// sums, less the activations' group sums times the integer mins; float work is two conversions and two multiply-adds
/// per super-block and token.
/// </summary>
public static unsafe class KQuantDot
{
    /// <summary>
    /// How far ahead of the super-block being read its row (and the rows after it) is fetched: a decode pass reads each
    /// weight once, and a row's few hundred bytes end before the hardware prefetcher ramps up. 3-8 KB measured alike.
    /// </summary>
    private const int PrefetchAhead = 4096;

    /// <summary>
    /// y[t·ldy + n] = row n · token t for rows [<paramref name="start"/>, <paramref name="end"/>) and tokens
    /// [<paramref name="firstToken"/>, <paramref name="endToken"/>), up to four tokens per pass over a super-block's
    /// unpacked scales. Vector512 uses AVX-VNNI's 16-bit multiply-add where present, Vector256 AVX2's.
    /// </summary>
    public static void Rows(in WeightMatrix w, int start, int end, SuperBlockActivations x, int firstToken, int endToken, float* y, int ldy,
        SimdLevel level = SimdLevel.Auto)
    {
        if (w.Columns != x.Columns) throw new ArgumentException($"weights have {w.Columns} columns, activations {x.Columns}.");
        level = Simd.Resolve(level);
        var vnni = level == SimdLevel.Vector512 && AvxVnni.IsSupported;
        switch (w.Type)
        {
            case WeightType.Q4_K: Dispatch<Q4_KBlock>(w, start, end, x, firstToken, endToken, y, ldy, level, vnni); break;
            case WeightType.Q5_K: Dispatch<Q5_KBlock>(w, start, end, x, firstToken, endToken, y, ldy, level, vnni); break;
            case WeightType.Q6_K: Dispatch<Q6_KBlock>(w, start, end, x, firstToken, endToken, y, ldy, level, vnni); break;
            default: throw new ArgumentException($"{w.Type} is not a K-quant weight type.");
        }
    }

    private static void Dispatch<TB>(in WeightMatrix w, int start, int end, SuperBlockActivations x, int firstToken, int endToken, float* y, int ldy,
        SimdLevel level, bool vnni) where TB : struct, IKQuantBlock
    {
        if (level == SimdLevel.Scalar) RowsScalar<TB>(w, start, end, x, firstToken, endToken, y, ldy);
        else if (vnni) Rows<TB, VnniWordDot>(w, start, end, x, firstToken, endToken, y, ldy);
        else Rows<TB, MaddWordDot>(w, start, end, x, firstToken, endToken, y, ldy);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rows<TB, TD>(in WeightMatrix w, int start, int end, SuperBlockActivations x, int firstToken, int endToken, float* y, int ldy)
        where TB : struct, IKQuantBlock where TD : struct, IWordDot
    {
        // Up to four tokens (decode): one call takes every row, so the tokens' arrays are located once. More: row by
        // row, each row's four-token groups in turn while the row is in L1.
        if (endToken - firstToken <= 4)
        {
            Group<TB, TD>(w, start, end, x, firstToken, endToken - firstToken, y, ldy);
            return;
        }
        for (var n = start; n < end; n++)
            for (var t = firstToken; t < endToken; t += 4)
                Group<TB, TD>(w, n, n + 1, x, t, Math.Min(4, endToken - t), y, ldy);
    }

    private static void Group<TB, TD>(in WeightMatrix w, int start, int end, SuperBlockActivations x, int firstToken, int count, float* y, int ldy)
        where TB : struct, IKQuantBlock where TD : struct, IWordDot
    {
        switch (count)
        {
            case 1: Dot<TB, TD, UnrollOne>(w, start, end, x, firstToken, y, ldy); break;
            case 2: Dot<TB, TD, UnrollTwo>(w, start, end, x, firstToken, y, ldy); break;
            case 3: Dot<TB, TD, UnrollThree>(w, start, end, x, firstToken, y, ldy); break;
            default: Dot<TB, TD, UnrollFour>(w, start, end, x, firstToken, y, ldy); break;
        }
    }

    /// <summary>Rows [<paramref name="start"/>, <paramref name="end"/>) times <typeparamref name="TC"/> tokens from <paramref name="firstToken"/> on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot<TB, TD, TC>(in WeightMatrix w, int start, int end, SuperBlockActivations x, int firstToken, float* y, int ldy)
        where TB : struct, IKQuantBlock where TD : struct, IWordDot where TC : struct, IUnrollCount
    {
        // TC.Count is a constant in each instantiation, so the JIT drops the unused tokens' work.
        var count = TC.Count;
        var halves = HalfConversion.Halves;
        var t0 = new Token(x, firstToken);
        var t1 = count > 1 ? new Token(x, firstToken + 1) : t0;
        var t2 = count > 2 ? new Token(x, firstToken + 2) : t0;
        var t3 = count > 3 ? new Token(x, firstToken + 3) : t0;
        sbyte* x0 = t0.Values, x1 = t1.Values, x2 = t2.Values, x3 = t3.Values;
        var superBlocks = x.SuperBlocks;
        var output = y + (long)firstToken * ldy;
        for (var n = start; n < end; n++)
        {
            var row = w.Row(n);
            Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
            for (var s = 0; s < superBlocks; s++)
            {
                var block = row + (long)s * TB.Bytes;
                // Rows lie end to end, so this runs into the next rows; a prefetch past the matrix cannot fault.
                var ahead = block + PrefetchAhead;
                Sse.Prefetch0(ahead);
                Sse.Prefetch0(ahead + 64);
                Sse.Prefetch0(ahead + 128);
                if (TB.Bytes > 192) Sse.Prefetch0(ahead + 192);
                TB.IntegerScales(block, halves, out var scales, out var mins, out var d, out var dmin);
                Vector256<int> i0 = default, i1 = default, i2 = default, i3 = default;
                var o = s * SuperBlockActivations.SuperBlock;
                var s0 = TokenScales(t0, s, scales);
                var s1 = count > 1 ? TokenScales(t1, s, scales) : s0;
                var s2 = count > 2 ? TokenScales(t2, s, scales) : s0;
                var s3 = count > 3 ? TokenScales(t3, s, scales) : s0;
                // Unrolled, so each chunk's shifts and scale shuffle are constants and chunks sharing a load share it.
                Chunk<TB, TD, TC>(block, 0, s0, s1, s2, s3, x0 + o, x1 + o, x2 + o, x3 + o, ref i0, ref i1, ref i2, ref i3);
                Chunk<TB, TD, TC>(block, 1, s0, s1, s2, s3, x0 + o, x1 + o, x2 + o, x3 + o, ref i0, ref i1, ref i2, ref i3);
                Chunk<TB, TD, TC>(block, 2, s0, s1, s2, s3, x0 + o, x1 + o, x2 + o, x3 + o, ref i0, ref i1, ref i2, ref i3);
                Chunk<TB, TD, TC>(block, 3, s0, s1, s2, s3, x0 + o, x1 + o, x2 + o, x3 + o, ref i0, ref i1, ref i2, ref i3);
                Chunk<TB, TD, TC>(block, 4, s0, s1, s2, s3, x0 + o, x1 + o, x2 + o, x3 + o, ref i0, ref i1, ref i2, ref i3);
                Chunk<TB, TD, TC>(block, 5, s0, s1, s2, s3, x0 + o, x1 + o, x2 + o, x3 + o, ref i0, ref i1, ref i2, ref i3);
                Chunk<TB, TD, TC>(block, 6, s0, s1, s2, s3, x0 + o, x1 + o, x2 + o, x3 + o, ref i0, ref i1, ref i2, ref i3);
                Chunk<TB, TD, TC>(block, 7, s0, s1, s2, s3, x0 + o, x1 + o, x2 + o, x3 + o, ref i0, ref i1, ref i2, ref i3);
                if (count == 1) i0 += i1;
                a0 = SuperBlockTerm(t0, s, i0, mins, d, dmin, a0);
                if (count > 1) a1 = SuperBlockTerm(t1, s, i1, mins, d, dmin, a1);
                if (count > 2) a2 = SuperBlockTerm(t2, s, i2, mins, d, dmin, a2);
                if (count > 3) a3 = SuperBlockTerm(t3, s, i3, mins, d, dmin, a3);
            }
            output[n] = Vector256.Sum(a0);
            if (count > 1) output[ldy + n] = Vector256.Sum(a1);
            if (count > 2) output[2L * ldy + n] = Vector256.Sum(a2);
            if (count > 3) output[3L * ldy + n] = Vector256.Sum(a3);
        }
    }

    /// <summary>The weights' group scales times the token's block multipliers (word c of both 128-bit halves is chunk c's).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<short> TokenScales(in Token token, int superBlock, Vector256<short> scales) =>
        scales * Vector256.Create(Vector128.Load(token.Multipliers + 8 * superBlock));

    /// <summary>
    /// Adds chunk <paramref name="chunk"/>'s codes × activations, times its groups' scales, to each token's 32-bit sums. A
    /// pair sum's lanes 0-7 cover the chunk's first 16 values and lanes 8-15 its last 16, which is how the scales are laid out.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Chunk<TB, TD, TC>(byte* block, int chunk, Vector256<short> s0, Vector256<short> s1, Vector256<short> s2, Vector256<short> s3,
        sbyte* x0, sbyte* x1, sbyte* x2, sbyte* x3, ref Vector256<int> i0, ref Vector256<int> i1, ref Vector256<int> i2, ref Vector256<int> i3)
        where TB : struct, IKQuantBlock where TD : struct, IWordDot where TC : struct, IUnrollCount
    {
        var codes = TB.Codes(block, chunk);
        var pick = Vector256.Create((ushort)(0x0100 + 0x0202 * chunk)).AsByte();
        var o = 32 * chunk;
        var first = Avx2.MultiplyAddAdjacent(codes, Vector256.Load(x0 + o));
        // One token leaves i1 free: odd chunks accumulate there, halving the chain of dependent multiply-adds.
        if (TC.Count == 1 && (chunk & 1) == 1) i1 = TD.Accumulate(i1, first, Avx2.Shuffle(s0.AsByte(), pick).AsInt16());
        else i0 = TD.Accumulate(i0, first, Avx2.Shuffle(s0.AsByte(), pick).AsInt16());
        if (TC.Count > 1) i1 = TD.Accumulate(i1, Avx2.MultiplyAddAdjacent(codes, Vector256.Load(x1 + o)), Avx2.Shuffle(s1.AsByte(), pick).AsInt16());
        if (TC.Count > 2) i2 = TD.Accumulate(i2, Avx2.MultiplyAddAdjacent(codes, Vector256.Load(x2 + o)), Avx2.Shuffle(s2.AsByte(), pick).AsInt16());
        if (TC.Count > 3) i3 = TD.Accumulate(i3, Avx2.MultiplyAddAdjacent(codes, Vector256.Load(x3 + o)), Avx2.Shuffle(s3.AsByte(), pick).AsInt16());
    }

    /// <summary>acc + (d·dx)·Σ scale·dot − (dmin·dx)·Σ min·groupSum for one super-block of one token.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> SuperBlockTerm(in Token token, int superBlock, Vector256<int> dot, Vector256<short> mins,
        float d, float dmin, Vector256<float> acc)
    {
        var dx = token.Scales[superBlock];
        var offsets = Avx2.MultiplyAddAdjacent(Vector256.Load(token.Sums + 16 * superBlock), mins);
        acc = Fma.MultiplyAdd(Avx.ConvertToVector256Single(dot), Vector256.Create(d * dx), acc);
        return Fma.MultiplyAddNegated(Avx.ConvertToVector256Single(offsets), Vector256.Create(dmin * dx), acc);
    }

    /// <summary>One token's arrays, located once per row rather than per super-block (each lookup multiplies and divides).</summary>
    private readonly struct Token(SuperBlockActivations x, int token)
    {
        public readonly sbyte* Values = x.TokenValues(token);
        public readonly short* Multipliers = x.TokenMultipliers(token);
        public readonly short* Sums = x.TokenSums(token);
        public readonly float* Scales = x.TokenScales(token);
    }

    /// <summary>The same integer sums one value at a time, for CPUs without AVX2 and as the SIMD paths' reference.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RowsScalar<TB>(in WeightMatrix w, int start, int end, SuperBlockActivations x, int firstToken, int endToken, float* y, int ldy)
        where TB : struct, IKQuantBlock
    {
        var codes = stackalloc byte[32];
        var halves = HalfConversion.Halves;
        for (var n = start; n < end; n++)
        {
            var row = w.Row(n);
            for (var t = firstToken; t < endToken; t++)
            {
                var q = x.TokenValues(t);
                var sums = x.TokenSums(t);
                var sum = 0f;
                for (var s = 0; s < x.SuperBlocks; s++)
                {
                    var block = row + (long)s * TB.Bytes;
                    TB.IntegerScales(block, halves, out var scales, out var mins, out var d, out var dmin);
                    int dot = 0, offsets = 0;
                    for (var c = 0; c < 8; c++)
                    {
                        TB.Codes(block, c).Store(codes);
                        for (var half = 0; half < 2; half++)
                        {
                            var g = 2 * c + half;
                            var groupDot = 0;
                            for (var e = 16 * half; e < 16 * half + 16; e++) groupDot += codes[e] * q[256 * s + 32 * c + e];
                            dot += scales.GetElement(8 * half + c) * x.TokenMultipliers(t)[8 * s + c] * groupDot;
                            offsets += mins.GetElement(g) * sums[16 * s + g];
                        }
                    }
                    var dx = x.TokenScales(t)[s];
                    sum += d * dx * dot - dmin * dx * offsets;
                }
                y[(long)t * ldy + n] = sum;
            }
        }
    }
}
