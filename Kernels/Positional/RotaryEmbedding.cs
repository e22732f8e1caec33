using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Platform.Kernels.Numerics;

namespace Platform.Kernels.Positional;

/// <summary>
/// Rotary position embedding for one head size: angles per position (computed in double, then rounded once),
/// applied in place to every head of a token in either <see cref="RopeStyle"/>.
/// </summary>
public sealed unsafe class RotaryEmbedding
{
    private readonly double[] _inverseFrequencies;

    public RotaryEmbedding(int headDim, double theta, RopeStyle style, RopeScaling? scaling = null)
    {
        if (headDim <= 0 || headDim % 2 != 0) throw new ArgumentException($"RoPE needs an even head size; got {headDim}.", nameof(headDim));
        if (scaling is FrequencyFactorRopeScaling factors && factors.Factors.Length != headDim / 2)
            throw new ArgumentException($"RoPE frequency factors: expected {headDim / 2}, got {factors.Factors.Length}.", nameof(scaling));
        HeadDim = headDim;
        Style = style;
        _inverseFrequencies = new double[headDim / 2];
        for (var i = 0; i < headDim / 2; i++)
        {
            var f = 1.0 / Math.Pow(theta, 2.0 * i / headDim);
            _inverseFrequencies[i] = scaling?.Scale(i, f) ?? f;
        }
    }

    public int HeadDim { get; }

    public RopeStyle Style { get; }

    /// <summary>Writes cos and sin of each pair's angle at <paramref name="position"/> (HeadDim/2 values each).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Angles(int position, float* cos, float* sin)
    {
        for (var i = 0; i < _inverseFrequencies.Length; i++)
        {
            var angle = position * _inverseFrequencies[i];
            cos[i] = (float)Math.Cos(angle);
            sin[i] = (float)Math.Sin(angle);
        }
    }

    /// <summary>
    /// Rotates <paramref name="heads"/> consecutive head vectors in place by the given angles. Every level computes each
    /// element as the scalar form does (two products, then their sum or difference, no fused multiply-add), so all agree bit for bit.
    /// </summary>
    public void Apply(float* vectors, int heads, float* cos, float* sin, SimdLevel level = SimdLevel.Auto) =>
        Apply(vectors, heads, null, 0, cos, sin, level);

    /// <summary>Rotates one token's queries and keys by the same angles, as two calls of the one-set form would.</summary>
    public void Apply(float* queries, int queryHeads, float* keys, int keyHeads, float* cos, float* sin, SimdLevel level = SimdLevel.Auto)
    {
        switch (Simd.Resolve(level))
        {
            case SimdLevel.Vector512: Apply<Lanes512, Vector512<float>>(queries, queryHeads, keys, keyHeads, cos, sin); break;
            case SimdLevel.Vector256: Apply<Lanes256, Vector256<float>>(queries, queryHeads, keys, keyHeads, cos, sin); break;
            default: Apply<LanesScalar, float>(queries, queryHeads, keys, keyHeads, cos, sin); break;
        }
    }

    private void Apply<TL, TV>(float* a, int aHeads, float* b, int bHeads, float* cos, float* sin) where TL : struct, IFloatLanes<TV> where TV : struct
    {
        if (Style == RopeStyle.NeoX)
        {
            RotateHalves<TL, TV>(a, aHeads, HeadDim, cos, sin);
            RotateHalves<TL, TV>(b, bHeads, HeadDim, cos, sin);
            return;
        }
        // Pairs are adjacent: per element, its own value times cos plus its partner's times ∓sin (negation is exact).
        // The paired angles are laid out once for both sets.
        var pairedCos = stackalloc float[HeadDim];
        var pairedSin = stackalloc float[HeadDim];
        for (var i = 0; i < HeadDim / 2; i++)
        {
            pairedCos[2 * i] = pairedCos[2 * i + 1] = cos[i];
            pairedSin[2 * i] = -sin[i];
            pairedSin[2 * i + 1] = sin[i];
        }
        RotatePairs<TL, TV>(a, aHeads, HeadDim, pairedCos, pairedSin);
        RotatePairs<TL, TV>(b, bHeads, HeadDim, pairedCos, pairedSin);
    }

    /// <summary>NeoX style: element i pairs with element i + headDim/2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RotateHalves<TL, TV>(float* vectors, int heads, int headDim, float* cos, float* sin) where TL : struct, IFloatLanes<TV> where TV : struct
    {
        var half = headDim / 2;
        for (var h = 0; h < heads; h++)
        {
            var v = vectors + h * headDim;
            var i = 0;
            for (; i + TL.Count <= half; i += TL.Count)
            {
                TV x0 = TL.Load(v + i), x1 = TL.Load(v + i + half), c = TL.Load(cos + i), s = TL.Load(sin + i);
                TL.Store(v + i, TL.Subtract(TL.Multiply(x0, c), TL.Multiply(x1, s)));
                TL.Store(v + i + half, TL.Add(TL.Multiply(x1, c), TL.Multiply(x0, s)));
            }
            for (; i < half; i++)
            {
                float x0 = v[i], x1 = v[i + half];
                v[i] = x0 * cos[i] - x1 * sin[i];
                v[i + half] = x1 * cos[i] + x0 * sin[i];
            }
        }
    }

    /// <summary>Adjacent pairs, with the angles laid out per element (cos, cos; −sin, sin).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RotatePairs<TL, TV>(float* vectors, int heads, int headDim, float* pairedCos, float* pairedSin) where TL : struct, IFloatLanes<TV> where TV : struct
    {
        for (var h = 0; h < heads; h++)
        {
            var v = vectors + h * headDim;
            var k = 0;
            if (TL.Count > 1)
                for (; k + TL.Count <= headDim; k += TL.Count)
                {
                    var x = TL.Load(v + k);
                    TL.Store(v + k, TL.Add(TL.Multiply(x, TL.Load(pairedCos + k)), TL.Multiply(TL.SwapPairs(x), TL.Load(pairedSin + k))));
                }
            for (; k < headDim; k += 2)
            {
                float x0 = v[k], x1 = v[k + 1];
                v[k] = x0 * pairedCos[k] + x1 * pairedSin[k];
                v[k + 1] = x1 * pairedCos[k + 1] + x0 * pairedSin[k + 1];
            }
        }
    }
}
