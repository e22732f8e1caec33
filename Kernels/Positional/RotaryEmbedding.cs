using System.Runtime.CompilerServices;

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

    /// <summary>Rotates <paramref name="heads"/> consecutive head vectors in place by the given angles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Apply(float* vectors, int heads, float* cos, float* sin)
    {
        var half = HeadDim / 2;
        for (var h = 0; h < heads; h++)
        {
            var v = vectors + h * HeadDim;
            if (Style == RopeStyle.NeoX)
            {
                for (var i = 0; i < half; i++)
                {
                    float x0 = v[i], x1 = v[i + half];
                    v[i] = x0 * cos[i] - x1 * sin[i];
                    v[i + half] = x1 * cos[i] + x0 * sin[i];
                }
            }
            else
            {
                for (var i = 0; i < half; i++)
                {
                    float x0 = v[2 * i], x1 = v[2 * i + 1];
                    v[2 * i] = x0 * cos[i] - x1 * sin[i];
                    v[2 * i + 1] = x1 * cos[i] + x0 * sin[i];
                }
            }
        }
    }
}
