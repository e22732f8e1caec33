using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
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
        var n = start;
        for (; n + 4 <= end; n += 4)
        {
            byte* r0 = w.Row(n), r1 = w.Row(n + 1), r2 = w.Row(n + 2), r3 = w.Row(n + 3);
            var prefetch = new NextRowsPrefetch(w, r0, 4, k / TL.Count);
            TV a0 = TL.Zero, a1 = TL.Zero, a2 = TL.Zero, a3 = TL.Zero;
            var scale = TL.Broadcast(TW.HalfShortfall);
            var i = 0;
            for (; i <= k - TL.Count; i += TL.Count)
            {
                prefetch.Step();
                var xv = TL.Load(x + i);
                if (TW.HalfShortfall != 1f) xv = TL.Multiply(xv, scale);
                a0 = TL.MultiplyAdd(TW.Load(r0, i), xv, a0);
                a1 = TL.MultiplyAdd(TW.Load(r1, i), xv, a1);
                a2 = TL.MultiplyAdd(TW.Load(r2, i), xv, a2);
                a3 = TL.MultiplyAdd(TW.Load(r3, i), xv, a3);
            }
            var outScale = TW.HalfShortfall;
            float s0 = TL.Sum(a0) * outScale, s1 = TL.Sum(a1) * outScale, s2 = TL.Sum(a2) * outScale, s3 = TL.Sum(a3) * outScale;
            for (; i < k; i++)
            {
                s0 += TW.Scalar(r0, i) * x[i];
                s1 += TW.Scalar(r1, i) * x[i];
                s2 += TW.Scalar(r2, i) * x[i];
                s3 += TW.Scalar(r3, i) * x[i];
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
            var scaleOne = TL.Broadcast(TW.HalfShortfall);
            for (; i <= k - TL.Count; i += TL.Count)
                acc = TL.MultiplyAdd(TW.Load(row, i), TW.HalfShortfall != 1f ? TL.Multiply(TL.Load(x + i), scaleOne) : TL.Load(x + i), acc);
            var sum = TL.Sum(acc) * TW.HalfShortfall;
            for (; i < k; i++) sum += TW.Scalar(row, i) * x[i];
            y[n] = sum;
        }
    }
}
