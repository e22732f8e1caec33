using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Platform.Kernels.Numerics;
using Platform.Kernels.Weights;

namespace Platform.Kernels.MatMul;

/// <summary>
/// One token against rows of F32/F16/BF16 weights, converting each weight vector in registers as it is loaded
/// (decode is bound by reading the weights once, so no staging copy). Four rows share each activation load.
/// </summary>
internal static unsafe class FloatGemv
{
    public static void Multiply(in WeightMatrix w, int start, int end, float* x, float* y, SimdLevel level)
    {
        switch (level, w.Type)
        {
            case (SimdLevel.Vector512, WeightType.F32): Rows<Lanes512, Vector512<float>, F32x512>(w, start, end, x, y); break;
            case (SimdLevel.Vector512, WeightType.F16): Rows<Lanes512, Vector512<float>, F16x512>(w, start, end, x, y); break;
            case (SimdLevel.Vector512, WeightType.BF16): Rows<Lanes512, Vector512<float>, Bf16x512>(w, start, end, x, y); break;
            case (SimdLevel.Vector256, WeightType.F32): Rows<Lanes256, Vector256<float>, F32x256>(w, start, end, x, y); break;
            case (SimdLevel.Vector256, WeightType.F16): Rows<Lanes256, Vector256<float>, F16x256>(w, start, end, x, y); break;
            case (SimdLevel.Vector256, WeightType.BF16): Rows<Lanes256, Vector256<float>, Bf16x256>(w, start, end, x, y); break;
            default: throw new ArgumentException($"no vector GEMV for {w.Type} at {level}.");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Rows<TL, TV, TW>(in WeightMatrix w, int start, int end, float* x, float* y)
        where TL : struct, IFloatLanes<TV> where TV : struct where TW : struct, IWeightLanes<TV>
    {
        var k = w.Columns;
        // Half weights widen short of their value by HalfShortfall squared: the activations carry one factor back,
        // scaled once per call instead of once per vector of every pass, and the sums the other.
        var xs = x;
        if (TW.HalfShortfall != 1f)
        {
            var scaled = stackalloc float[k];
            var scale = TL.Broadcast(TW.HalfShortfall);
            var j = 0;
            for (; j <= k - TL.Count; j += TL.Count) TL.Store(scaled + j, TL.Multiply(TL.Load(x + j), scale));
            for (; j < k; j++) scaled[j] = x[j] * TW.HalfShortfall;
            xs = scaled;
        }
        var stride = (nint)w.RowBytes;
        var pairs = k / (2 * TL.Count) * (2 * TL.Count);
        var n = start;
        for (; n + 4 <= end; n += 4)
        {
            var r0 = w.Row(n);
            TV a0 = TL.Zero, a1 = TL.Zero, a2 = TL.Zero, a3 = TL.Zero;
            var i = 0;
            // Two vectors per row per iteration, each row summed in order (so one token gives what a batch gives), and
            // the same bytes of the next pass's four rows fetched meanwhile: no prefetch can fault, so none is checked
            // against the matrix's end.
            for (; i < pairs; i += 2 * TL.Count)
            {
                var p = r0 + i * TW.ElementBytes;
                var ahead = p + 4 * stride;
                Sse.Prefetch0(ahead);
                Sse.Prefetch0(ahead + stride);
                Sse.Prefetch0(ahead + 2 * stride);
                Sse.Prefetch0(ahead + 3 * stride);
                if (TW.ElementBytes == 4)
                {
                    Sse.Prefetch0(ahead + 64);
                    Sse.Prefetch0(ahead + stride + 64);
                    Sse.Prefetch0(ahead + 2 * stride + 64);
                    Sse.Prefetch0(ahead + 3 * stride + 64);
                }
                var xv = TL.Load(xs + i);
                a0 = TL.MultiplyAdd(TW.Load(p, 0), xv, a0);
                a1 = TL.MultiplyAdd(TW.Load(p + stride, 0), xv, a1);
                a2 = TL.MultiplyAdd(TW.Load(p + 2 * stride, 0), xv, a2);
                a3 = TL.MultiplyAdd(TW.Load(p + 3 * stride, 0), xv, a3);
                xv = TL.Load(xs + i + TL.Count);
                a0 = TL.MultiplyAdd(TW.Load(p, TL.Count), xv, a0);
                a1 = TL.MultiplyAdd(TW.Load(p + stride, TL.Count), xv, a1);
                a2 = TL.MultiplyAdd(TW.Load(p + 2 * stride, TL.Count), xv, a2);
                a3 = TL.MultiplyAdd(TW.Load(p + 3 * stride, TL.Count), xv, a3);
            }
            for (; i <= k - TL.Count; i += TL.Count)
            {
                var xv = TL.Load(xs + i);
                a0 = TL.MultiplyAdd(TW.Load(r0, i), xv, a0);
                a1 = TL.MultiplyAdd(TW.Load(r0 + stride, i), xv, a1);
                a2 = TL.MultiplyAdd(TW.Load(r0 + 2 * stride, i), xv, a2);
                a3 = TL.MultiplyAdd(TW.Load(r0 + 3 * stride, i), xv, a3);
            }
            var outScale = TW.HalfShortfall;
            float s0 = TL.Sum(a0) * outScale, s1 = TL.Sum(a1) * outScale, s2 = TL.Sum(a2) * outScale, s3 = TL.Sum(a3) * outScale;
            for (; i < k; i++)
            {
                s0 += TW.Scalar(r0, i) * x[i];
                s1 += TW.Scalar(r0 + stride, i) * x[i];
                s2 += TW.Scalar(r0 + 2 * stride, i) * x[i];
                s3 += TW.Scalar(r0 + 3 * stride, i) * x[i];
            }
            y[n] = s0;
            y[n + 1] = s1;
            y[n + 2] = s2;
            y[n + 3] = s3;
        }
        for (; n < end; n++)
        {
            var row = w.Row(n);
            var acc = TL.Zero;
            var i = 0;
            for (; i <= k - TL.Count; i += TL.Count)
                acc = TL.MultiplyAdd(TW.Load(row, i), TL.Load(xs + i), acc);
            var sum = TL.Sum(acc) * TW.HalfShortfall;
            for (; i < k; i++) sum += TW.Scalar(row, i) * x[i];
            y[n] = sum;
        }
    }
}
