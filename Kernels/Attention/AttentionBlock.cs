using System.Runtime.CompilerServices;
using Platform.Kernels.Numerics;

namespace Platform.Kernels.Attention;

/// <summary>
/// One cache block's slots for up to four queries at once (heads of a GQA group, tokens of a prefill tile): every key
/// and value vector loaded feeds all of them. Query j sees slots [bounds[2j], bounds[2j+1]); the kernel runs over the
/// union of those ranges and masks each query's scores outside its own, so its arithmetic (accumulators and their
/// order) is the same as one query alone. Per query j: scores at scores + j·BlockSize, accumulator at acc + j·HeadDim,
/// running max and sum at max[j], sum[j].
/// Keys and values are elements of <typeparamref name="TE"/>'s type, widened to float as they are loaded; the queries
/// come already multiplied by TE.Scale, and the probabilities are before they meet the values (in the softmax's stores).
/// </summary>
internal static unsafe class AttentionBlock<TE> where TE : struct, IKvElements
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TL, TV, TG>(float* q, void* keys, void* values, int* bounds, int blockSize, int headDim, float scale,
        float* scores, float* acc, float* max, float* sum)
        where TL : struct, IFloatLanes<TV> where TV : struct where TG : struct, IUnrollCount
    {
        int first = bounds[0], last = bounds[1];
        for (var j = 1; j < TG.Count; j++)
        {
            first = Math.Min(first, bounds[2 * j]);
            last = Math.Max(last, bounds[2 * j + 1]);
        }
        if (last <= first) return;
        var filled = Scores<TL, TV, TG>(q, keys, first, last, blockSize, headDim, scale, scores);
        var corrections = stackalloc float[4];
        for (var j = 0; j < TG.Count; j++)
        {
            var sj = scores + j * blockSize;
            // Outside its own range (a later slot than its token, or before its window) a query's scores are -inf.
            for (var s = first; s < Math.Min(bounds[2 * j], last); s++) sj[s] = float.NegativeInfinity;
            for (var s = Math.Max(bounds[2 * j + 1], first); s < last; s++) sj[s] = float.NegativeInfinity;
            corrections[j] = Softmax<TL, TV>(sj, first, last, filled, TE.Scale, ref max[j], ref sum[j]);
        }
        Accumulate<TL, TV, TG>(values, first, last, blockSize, headDim, scores, acc, corrections);
    }

    /// <summary>
    /// Scores of every head; whole vectors of slots even past <paramref name="last"/> (still inside the block), whose extra
    /// scores are masked, which is cheaper than scalar tails on the partial last block of every causal prefill token.
    /// Keys are stored transposed ([headDim][slot]) so a vector of consecutive slots' scores needs no horizontal sums.
    /// Returns the end of the slots written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Scores<TL, TV, TG>(float* q, void* keys, int first, int last, int blockSize, int headDim, float scale, float* scores)
        where TL : struct, IFloatLanes<TV> where TV : struct where TG : struct, IUnrollCount
    {
        float* q0 = q, q1 = q + headDim, q2 = q + 2 * headDim, q3 = q + 3 * headDim;
        var s = first;
        for (; s < last && s + TL.Count <= blockSize; s += TL.Count)
        {
            // Four independent accumulators per head hide the FMA latency of the chain over d.
            TV a0 = TL.Zero, a1 = TL.Zero, a2 = TL.Zero, a3 = TL.Zero, b0 = TL.Zero, b1 = TL.Zero, b2 = TL.Zero, b3 = TL.Zero;
            TV c0 = TL.Zero, c1 = TL.Zero, c2 = TL.Zero, c3 = TL.Zero, e0 = TL.Zero, e1 = TL.Zero, e2 = TL.Zero, e3 = TL.Zero;
            var d = 0;
            for (; d + 4 <= headDim; d += 4)
            {
                TV k0 = TE.Load<TL, TV>(keys, s + d * blockSize), k1 = TE.Load<TL, TV>(keys, s + (d + 1) * blockSize);
                TV k2 = TE.Load<TL, TV>(keys, s + (d + 2) * blockSize), k3 = TE.Load<TL, TV>(keys, s + (d + 3) * blockSize);
                a0 = TL.MultiplyAdd(TL.Broadcast(q0[d]), k0, a0);
                a1 = TL.MultiplyAdd(TL.Broadcast(q0[d + 1]), k1, a1);
                a2 = TL.MultiplyAdd(TL.Broadcast(q0[d + 2]), k2, a2);
                a3 = TL.MultiplyAdd(TL.Broadcast(q0[d + 3]), k3, a3);
                if (TG.Count > 1)
                {
                    b0 = TL.MultiplyAdd(TL.Broadcast(q1[d]), k0, b0);
                    b1 = TL.MultiplyAdd(TL.Broadcast(q1[d + 1]), k1, b1);
                    b2 = TL.MultiplyAdd(TL.Broadcast(q1[d + 2]), k2, b2);
                    b3 = TL.MultiplyAdd(TL.Broadcast(q1[d + 3]), k3, b3);
                }
                if (TG.Count > 2)
                {
                    c0 = TL.MultiplyAdd(TL.Broadcast(q2[d]), k0, c0);
                    c1 = TL.MultiplyAdd(TL.Broadcast(q2[d + 1]), k1, c1);
                    c2 = TL.MultiplyAdd(TL.Broadcast(q2[d + 2]), k2, c2);
                    c3 = TL.MultiplyAdd(TL.Broadcast(q2[d + 3]), k3, c3);
                }
                if (TG.Count > 3)
                {
                    e0 = TL.MultiplyAdd(TL.Broadcast(q3[d]), k0, e0);
                    e1 = TL.MultiplyAdd(TL.Broadcast(q3[d + 1]), k1, e1);
                    e2 = TL.MultiplyAdd(TL.Broadcast(q3[d + 2]), k2, e2);
                    e3 = TL.MultiplyAdd(TL.Broadcast(q3[d + 3]), k3, e3);
                }
            }
            for (; d < headDim; d++)
            {
                var kd = TE.Load<TL, TV>(keys, s + d * blockSize);
                a0 = TL.MultiplyAdd(TL.Broadcast(q0[d]), kd, a0);
                if (TG.Count > 1) b0 = TL.MultiplyAdd(TL.Broadcast(q1[d]), kd, b0);
                if (TG.Count > 2) c0 = TL.MultiplyAdd(TL.Broadcast(q2[d]), kd, c0);
                if (TG.Count > 3) e0 = TL.MultiplyAdd(TL.Broadcast(q3[d]), kd, e0);
            }
            var sc = TL.Broadcast(scale);
            TL.Store(scores + s, TL.Multiply(TL.Add(TL.Add(a0, a1), TL.Add(a2, a3)), sc));
            if (TG.Count > 1) TL.Store(scores + blockSize + s, TL.Multiply(TL.Add(TL.Add(b0, b1), TL.Add(b2, b3)), sc));
            if (TG.Count > 2) TL.Store(scores + 2 * blockSize + s, TL.Multiply(TL.Add(TL.Add(c0, c1), TL.Add(c2, c3)), sc));
            if (TG.Count > 3) TL.Store(scores + 3 * blockSize + s, TL.Multiply(TL.Add(TL.Add(e0, e1), TL.Add(e2, e3)), sc));
        }
        var filled = s;
        for (var j = 0; j < TG.Count; j++)
        {
            var qj = q + j * headDim;
            var sj = scores + j * blockSize;
            for (var t = filled; t < last; t++)
            {
                var dot = 0f;
                for (var d = 0; d < headDim; d++) dot += qj[d] * TE.Get(keys, d * blockSize + t);
                sj[t] = dot * scale;
            }
            for (var t = last; t < filled; t++) sj[t] = float.NegativeInfinity;
        }
        return Math.Max(filled, last);
    }

    /// <summary>
    /// Online-softmax update of one query: scores become probabilities times <paramref name="weight"/> (the element type's
    /// scale, exact), the sum takes them unweighted; returns the factor rescaling the old accumulator.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Softmax<TL, TV>(float* scores, int first, int last, int filled, float weight, ref float max, ref float sum)
        where TL : struct, IFloatLanes<TV> where TV : struct
    {
        // Vectors over [first, filled): the slots past `last` hold -inf, so they never win the maximum.
        var blockMax = float.NegativeInfinity;
        var s = first;
        if (s + TL.Count <= filled)
        {
            var m = TL.Load(scores + s);
            for (s += TL.Count; s + TL.Count <= filled; s += TL.Count) m = TL.Max(m, TL.Load(scores + s));
            blockMax = TL.MaxAcross(m);
        }
        for (; s < last; s++) blockMax = MathF.Max(blockMax, scores[s]);
        if (blockMax == float.NegativeInfinity)
        {
            // This query sees none of the slots: they weigh nothing and its state stays (max may still be -inf).
            new Span<float>(scores + first, last - first).Clear();
            return 1f;
        }
        var newMax = MathF.Max(max, blockMax);
        // Later blocks seldom raise the maximum: then the factor is exactly 1 and needs no exp.
        var correction = newMax == max ? 1f : MathF.Exp(max - newMax);
        max = newMax;
        var total = 0f;
        var i = first;
        for (; i + TL.Count <= filled; i += TL.Count)
        {
            var p = TL.Exp(TL.Subtract(TL.Load(scores + i), TL.Broadcast(newMax)));
            TL.Store(scores + i, TL.Multiply(p, TL.Broadcast(weight)));
            total += TL.Sum(p);
        }
        for (; i < last; i++)
        {
            var p = MathF.Exp(scores[i] - newMax);
            scores[i] = p * weight;
            total += p;
        }
        sum = sum * correction + total;
        return correction;
    }

    /// <summary>acc = acc·correction + Σ p·v per head, head dimension outer so the accumulators stay in registers across slots.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Accumulate<TL, TV, TG>(void* values, int first, int last, int blockSize, int headDim, float* scores, float* acc, float* corrections)
        where TL : struct, IFloatLanes<TV> where TV : struct where TG : struct, IUnrollCount
    {
        float* p0 = scores, p1 = scores + blockSize, p2 = scores + 2 * blockSize, p3 = scores + 3 * blockSize;
        float* h0 = acc, h1 = acc + headDim, h2 = acc + 2 * headDim, h3 = acc + 3 * headDim;
        TV c0 = TL.Broadcast(corrections[0]), c1 = TL.Broadcast(corrections[TG.Count > 1 ? 1 : 0]);
        TV c2 = TL.Broadcast(corrections[TG.Count > 2 ? 2 : 0]), c3 = TL.Broadcast(corrections[TG.Count > 3 ? 3 : 0]);
        var n = TL.Count;
        var i = 0;
        for (; i + 4 * n <= headDim; i += 4 * n)
        {
            // Four slices of the head at once: independent chains across the slots.
            TV a0 = TL.Multiply(TL.Load(h0 + i), c0), a1 = TL.Multiply(TL.Load(h0 + i + n), c0);
            TV a2 = TL.Multiply(TL.Load(h0 + i + 2 * n), c0), a3 = TL.Multiply(TL.Load(h0 + i + 3 * n), c0);
            TV b0 = default, b1 = default, b2 = default, b3 = default, d0 = default, d1 = default, d2 = default, d3 = default;
            TV e0 = default, e1 = default, e2 = default, e3 = default;
            if (TG.Count > 1)
            {
                b0 = TL.Multiply(TL.Load(h1 + i), c1); b1 = TL.Multiply(TL.Load(h1 + i + n), c1);
                b2 = TL.Multiply(TL.Load(h1 + i + 2 * n), c1); b3 = TL.Multiply(TL.Load(h1 + i + 3 * n), c1);
            }
            if (TG.Count > 2)
            {
                d0 = TL.Multiply(TL.Load(h2 + i), c2); d1 = TL.Multiply(TL.Load(h2 + i + n), c2);
                d2 = TL.Multiply(TL.Load(h2 + i + 2 * n), c2); d3 = TL.Multiply(TL.Load(h2 + i + 3 * n), c2);
            }
            if (TG.Count > 3)
            {
                e0 = TL.Multiply(TL.Load(h3 + i), c3); e1 = TL.Multiply(TL.Load(h3 + i + n), c3);
                e2 = TL.Multiply(TL.Load(h3 + i + 2 * n), c3); e3 = TL.Multiply(TL.Load(h3 + i + 3 * n), c3);
            }
            for (var s = first; s < last; s++)
            {
                var vs = s * headDim + i;
                TV v0 = TE.Load<TL, TV>(values, vs), v1 = TE.Load<TL, TV>(values, vs + n);
                TV v2 = TE.Load<TL, TV>(values, vs + 2 * n), v3 = TE.Load<TL, TV>(values, vs + 3 * n);
                var p = TL.Broadcast(p0[s]);
                a0 = TL.MultiplyAdd(p, v0, a0); a1 = TL.MultiplyAdd(p, v1, a1); a2 = TL.MultiplyAdd(p, v2, a2); a3 = TL.MultiplyAdd(p, v3, a3);
                if (TG.Count > 1)
                {
                    p = TL.Broadcast(p1[s]);
                    b0 = TL.MultiplyAdd(p, v0, b0); b1 = TL.MultiplyAdd(p, v1, b1); b2 = TL.MultiplyAdd(p, v2, b2); b3 = TL.MultiplyAdd(p, v3, b3);
                }
                if (TG.Count > 2)
                {
                    p = TL.Broadcast(p2[s]);
                    d0 = TL.MultiplyAdd(p, v0, d0); d1 = TL.MultiplyAdd(p, v1, d1); d2 = TL.MultiplyAdd(p, v2, d2); d3 = TL.MultiplyAdd(p, v3, d3);
                }
                if (TG.Count > 3)
                {
                    p = TL.Broadcast(p3[s]);
                    e0 = TL.MultiplyAdd(p, v0, e0); e1 = TL.MultiplyAdd(p, v1, e1); e2 = TL.MultiplyAdd(p, v2, e2); e3 = TL.MultiplyAdd(p, v3, e3);
                }
            }
            TL.Store(h0 + i, a0); TL.Store(h0 + i + n, a1); TL.Store(h0 + i + 2 * n, a2); TL.Store(h0 + i + 3 * n, a3);
            if (TG.Count > 1) { TL.Store(h1 + i, b0); TL.Store(h1 + i + n, b1); TL.Store(h1 + i + 2 * n, b2); TL.Store(h1 + i + 3 * n, b3); }
            if (TG.Count > 2) { TL.Store(h2 + i, d0); TL.Store(h2 + i + n, d1); TL.Store(h2 + i + 2 * n, d2); TL.Store(h2 + i + 3 * n, d3); }
            if (TG.Count > 3) { TL.Store(h3 + i, e0); TL.Store(h3 + i + n, e1); TL.Store(h3 + i + 2 * n, e2); TL.Store(h3 + i + 3 * n, e3); }
        }
        if (i < headDim)
            for (var j = 0; j < TG.Count; j++)
                AccumulateTail<TL, TV>(values, first, last, headDim, i, scores + j * blockSize, acc + j * headDim, corrections[j]);
    }

    /// <summary>The head dimensions past the last whole group of four vectors, one head at a time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AccumulateTail<TL, TV>(void* values, int first, int last, int headDim, int i, float* scores, float* acc, float correction)
        where TL : struct, IFloatLanes<TV> where TV : struct
    {
        var c = TL.Broadcast(correction);
        for (; i + TL.Count <= headDim; i += TL.Count)
        {
            var a = TL.Multiply(TL.Load(acc + i), c);
            for (var s = first; s < last; s++)
                a = TL.MultiplyAdd(TL.Broadcast(scores[s]), TE.Load<TL, TV>(values, s * headDim + i), a);
            TL.Store(acc + i, a);
        }
        for (; i < headDim; i++)
        {
            var a = acc[i] * correction;
            for (var s = first; s < last; s++) a += scores[s] * TE.Get(values, s * headDim + i);
            acc[i] = a;
        }
    }
}
