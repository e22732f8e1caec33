using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Platform.Kernels.Numerics;
using Platform.Kernels.Weights;

namespace Platform.Kernels.Quantization;

/// <summary>
/// One token against Q8_0/Q4_0 weight rows (decode), four rows per pass: each row has its own accumulator, so the
/// multiply-add latency of one row overlaps the others' work instead of serialising 24+ blocks, and the four rows
/// share each activation load and block scale.
/// </summary>
internal static unsafe class QuantGemv
{
    public static void Rows<TB, TD>(in WeightMatrix w, int start, int end, sbyte* q, float* d, float* y)
        where TB : struct, IWeightBlock where TD : struct, IByteDot
    {
        var halves = HalfConversion.Halves;
        var n = start;
        for (; n + 4 <= end; n += 4) Pass<TB, TD, UnrollFour>(w, n, q, d, y, halves);
        switch (end - n)
        {
            case 1: Pass<TB, TD, UnrollOne>(w, n, q, d, y, halves); break;
            case 2: Pass<TB, TD, UnrollTwo>(w, n, q, d, y, halves); break;
            case 3: Pass<TB, TD, UnrollThree>(w, n, q, d, y, halves); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Pass<TB, TD, TC>(in WeightMatrix w, int n, sbyte* q, float* d, float* y, float* halves)
        where TB : struct, IWeightBlock where TD : struct, IByteDot where TC : struct, IUnrollCount
    {
        var count = TC.Count;
        var stride = w.RowBytes;
        var r0 = w.Row(n);
        var blocks = w.Columns / 32;
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
        for (var b = 0; b < blocks; b++)
        {
            var block = r0 + (long)b * TB.Bytes;
            // The same block of the next pass's rows, a pass ahead (rows are too short for the hardware prefetcher to
            // ramp up on); a prefetch past the matrix's end cannot fault, so none is checked.
            var ahead = block + count * stride;
            Sse.Prefetch0(ahead);
            if (count > 1) Sse.Prefetch0(ahead + stride);
            if (count > 2) Sse.Prefetch0(ahead + 2 * stride);
            if (count > 3) Sse.Prefetch0(ahead + 3 * stride);
            var x = Vector256.Load(q + b * 32);
            var xd = Vector256.Create(d[b]);
            a0 = Term<TB, TD>(block, x, xd, halves, a0);
            if (count > 1) a1 = Term<TB, TD>(block + stride, x, xd, halves, a1);
            if (count > 2) a2 = Term<TB, TD>(block + 2 * stride, x, xd, halves, a2);
            if (count > 3) a3 = Term<TB, TD>(block + 3 * stride, x, xd, halves, a3);
        }
        y[n] = Vector256.Sum(a0);
        if (count > 1) y[n + 1] = Vector256.Sum(a1);
        if (count > 2) y[n + 2] = Vector256.Sum(a2);
        if (count > 3) y[n + 3] = Vector256.Sum(a3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Term<TB, TD>(byte* block, Vector256<sbyte> x, Vector256<float> xd, float* halves, Vector256<float> acc)
        where TB : struct, IWeightBlock where TD : struct, IByteDot
    {
        var wv = TB.Load(block);
        var dot = Avx.ConvertToVector256Single(TD.Dot(Avx2.Abs(wv), Avx2.Sign(x, wv)));
        // The activation scale arrives broadcast once per block for all rows; the weight scale is broadcast from the
        // table as a memory operand, so the scales cost one multiply per row and block instead of three instructions.
        return Fma.MultiplyAdd(dot * Vector256.Create(halves[*(ushort*)block]), xd, acc);
    }
}
