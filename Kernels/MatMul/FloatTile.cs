using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Platform.Kernels.Numerics;

namespace Platform.Kernels.MatMul;

/// <summary>
/// Register-blocked products of up to 4 float weight rows with a run of tokens: y[t, n] = Σk w[n, k]·x[t, k].
/// 4 rows × 2 tokens keep 8 accumulators, so each loaded vector feeds several FMAs.
/// </summary>
internal static unsafe class FloatTile
{
    /// <summary>Rows <paramref name="w"/> (row stride <paramref name="k"/>) times tokens of <paramref name="x"/>, writing y[t*ldy + r].</summary>
    public static void Multiply(float* w, int rows, float* x, int ldx, int tokens, float* y, int ldy, int k, SimdLevel level)
    {
        switch (level)
        {
            case SimdLevel.Vector512:
                Multiply<Lanes512, Vector512<float>>(w, rows, x, ldx, tokens, y, ldy, k);
                break;
            case SimdLevel.Vector256:
                Multiply<Lanes256, Vector256<float>>(w, rows, x, ldx, tokens, y, ldy, k);
                break;
            default:
                MultiplyScalar(w, rows, x, ldx, tokens, y, ldy, k);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MultiplyScalar(float* w, int rows, float* x, int ldx, int tokens, float* y, int ldy, int k)
    {
        for (var t = 0; t < tokens; t++)
            for (var r = 0; r < rows; r++)
            {
                var sum = 0f;
                var wr = w + (long)r * k;
                var xt = x + (long)t * ldx;
                for (var i = 0; i < k; i++) sum += wr[i] * xt[i];
                y[(long)t * ldy + r] = sum;
            }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Multiply<TL, TV>(float* w, int rows, float* x, int ldx, int tokens, float* y, int ldy, int k)
        where TL : struct, IFloatLanes<TV> where TV : struct
    {
        if (rows == 4)
        {
            var t = 0;
            for (; t + 1 < tokens; t += 2)
                Dot4x2<TL, TV>(w, x + (long)t * ldx, x + (long)(t + 1) * ldx, k, y + (long)t * ldy, y + (long)(t + 1) * ldy);
            if (t < tokens)
                Dot4x1<TL, TV>(w, x + (long)t * ldx, k, y + (long)t * ldy);
            return;
        }
        for (var t = 0; t < tokens; t++)
            for (var r = 0; r < rows; r++)
                y[(long)t * ldy + r] = Dot1<TL, TV>(w + (long)r * k, x + (long)t * ldx, k);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot1<TL, TV>(float* w, float* x, int k) where TL : struct, IFloatLanes<TV> where TV : struct
    {
        var acc = TL.Zero;
        var i = 0;
        for (; i <= k - TL.Count; i += TL.Count)
            acc = TL.MultiplyAdd(TL.Load(w + i), TL.Load(x + i), acc);
        var sum = TL.Sum(acc);
        for (; i < k; i++) sum += w[i] * x[i];
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot4x1<TL, TV>(float* w, float* x, int k, float* y) where TL : struct, IFloatLanes<TV> where TV : struct
    {
        float* w1 = w + k, w2 = w + 2 * k, w3 = w + 3 * k;
        TV a0 = TL.Zero, a1 = TL.Zero, a2 = TL.Zero, a3 = TL.Zero;
        var i = 0;
        for (; i <= k - TL.Count; i += TL.Count)
        {
            var xv = TL.Load(x + i);
            a0 = TL.MultiplyAdd(TL.Load(w + i), xv, a0);
            a1 = TL.MultiplyAdd(TL.Load(w1 + i), xv, a1);
            a2 = TL.MultiplyAdd(TL.Load(w2 + i), xv, a2);
            a3 = TL.MultiplyAdd(TL.Load(w3 + i), xv, a3);
        }
        float s0 = TL.Sum(a0), s1 = TL.Sum(a1), s2 = TL.Sum(a2), s3 = TL.Sum(a3);
        for (; i < k; i++)
        {
            s0 += w[i] * x[i];
            s1 += w1[i] * x[i];
            s2 += w2[i] * x[i];
            s3 += w3[i] * x[i];
        }
        y[0] = s0;
        y[1] = s1;
        y[2] = s2;
        y[3] = s3;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot4x2<TL, TV>(float* w, float* xa, float* xb, int k, float* ya, float* yb) where TL : struct, IFloatLanes<TV> where TV : struct
    {
        float* w1 = w + k, w2 = w + 2 * k, w3 = w + 3 * k;
        TV a0 = TL.Zero, a1 = TL.Zero, a2 = TL.Zero, a3 = TL.Zero;
        TV b0 = TL.Zero, b1 = TL.Zero, b2 = TL.Zero, b3 = TL.Zero;
        var i = 0;
        for (; i <= k - TL.Count; i += TL.Count)
        {
            var xv = TL.Load(xa + i);
            var xw = TL.Load(xb + i);
            var v = TL.Load(w + i);
            a0 = TL.MultiplyAdd(v, xv, a0);
            b0 = TL.MultiplyAdd(v, xw, b0);
            v = TL.Load(w1 + i);
            a1 = TL.MultiplyAdd(v, xv, a1);
            b1 = TL.MultiplyAdd(v, xw, b1);
            v = TL.Load(w2 + i);
            a2 = TL.MultiplyAdd(v, xv, a2);
            b2 = TL.MultiplyAdd(v, xw, b2);
            v = TL.Load(w3 + i);
            a3 = TL.MultiplyAdd(v, xv, a3);
            b3 = TL.MultiplyAdd(v, xw, b3);
        }
        float s0 = TL.Sum(a0), s1 = TL.Sum(a1), s2 = TL.Sum(a2), s3 = TL.Sum(a3);
        float u0 = TL.Sum(b0), u1 = TL.Sum(b1), u2 = TL.Sum(b2), u3 = TL.Sum(b3);
        for (; i < k; i++)
        {
            s0 += w[i] * xa[i]; u0 += w[i] * xb[i];
            s1 += w1[i] * xa[i]; u1 += w1[i] * xb[i];
            s2 += w2[i] * xa[i]; u2 += w2[i] * xb[i];
            s3 += w3[i] * xa[i]; u3 += w3[i] * xb[i];
        }
        ya[0] = s0; ya[1] = s1; ya[2] = s2; ya[3] = s3;
        yb[0] = u0; yb[1] = u1; yb[2] = u2; yb[3] = u3;
    }
}
