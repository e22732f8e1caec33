using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Platform.Kernels.Numerics;

/// <summary>Short-vector dot product and scaled accumulation (head-sized), inlined into the attention loop.</summary>
internal static unsafe class VectorMath
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(float* a, float* b, int n, SimdLevel level) => level switch
    {
        SimdLevel.Vector512 => Dot<Lanes512, Vector512<float>>(a, b, n),
        SimdLevel.Vector256 => Dot<Lanes256, Vector256<float>>(a, b, n),
        _ => DotTail(a, b, 0, n, 0f),
    };

    /// <summary>y = y·<paramref name="keep"/> + <paramref name="weight"/>·x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ScaleAdd(float* y, float keep, float* x, float weight, int n, SimdLevel level)
    {
        switch (level)
        {
            case SimdLevel.Vector512: ScaleAdd<Lanes512, Vector512<float>>(y, keep, x, weight, n); break;
            case SimdLevel.Vector256: ScaleAdd<Lanes256, Vector256<float>>(y, keep, x, weight, n); break;
            default: ScaleAddTail(y, keep, x, weight, 0, n); break;
        }
    }

    private static float Dot<TL, TV>(float* a, float* b, int n) where TL : struct, IFloatLanes<TV> where TV : struct
    {
        var acc = TL.Zero;
        var i = 0;
        for (; i <= n - TL.Count; i += TL.Count)
            acc = TL.MultiplyAdd(TL.Load(a + i), TL.Load(b + i), acc);
        return DotTail(a, b, i, n, TL.Sum(acc));
    }

    private static float DotTail(float* a, float* b, int i, int n, float sum)
    {
        for (; i < n; i++) sum += a[i] * b[i];
        return sum;
    }

    private static void ScaleAdd<TL, TV>(float* y, float keep, float* x, float weight, int n) where TL : struct, IFloatLanes<TV> where TV : struct
    {
        var k = TL.Broadcast(keep);
        var w = TL.Broadcast(weight);
        var i = 0;
        for (; i <= n - TL.Count; i += TL.Count)
            TL.Store(y + i, TL.MultiplyAdd(TL.Load(x + i), w, TL.Multiply(TL.Load(y + i), k)));
        ScaleAddTail(y, keep, x, weight, i, n);
    }

    private static void ScaleAddTail(float* y, float keep, float* x, float weight, int i, int n)
    {
        for (; i < n; i++) y[i] = y[i] * keep + weight * x[i];
    }
}
