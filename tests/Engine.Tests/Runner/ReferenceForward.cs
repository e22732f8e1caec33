using Platform.Engine.Models;
using Platform.Kernels.Positional;
using Platform.Kernels.Weights;

namespace Platform.Engine.Tests.Runner;

/// <summary>
/// A deliberately plain forward pass for tests: whole sequence at once, no cache, dense causal attention with a
/// full score row, double accumulation, weights expanded row by row. Shares nothing with the runner but the weights.
/// </summary>
internal static unsafe class ReferenceForward
{
    /// <summary>Logits of every position of <paramref name="tokens"/> ([tokens.Length][vocab]).</summary>
    public static float[][] Logits(LoadedModel model, int[] tokens)
    {
        var c = model.Config;
        var w = model.Weights;
        int n = tokens.Length, h = c.HiddenSize, hd = c.HeadDim, group = c.NumHeads / c.NumKvHeads;
        var x = new double[n][];
        for (var t = 0; t < n; t++) x[t] = Row(w.TokenEmbedding, tokens[t]).Select(v => (double)v).ToArray();
        foreach (var layer in w.Layers)
        {
            var q = new double[n][];
            var k = new double[n][];
            var v = new double[n][];
            for (var t = 0; t < n; t++)
            {
                var xn = Norm(x[t], layer.AttentionNorm, c.RmsNormEps);
                q[t] = Rope(Add(MatVec(layer.Query, xn), layer.QueryBias), t, c);
                k[t] = Rope(Add(MatVec(layer.Key, xn), layer.KeyBias), t, c);
                v[t] = Add(MatVec(layer.Value, xn), layer.ValueBias);
            }
            for (var t = 0; t < n; t++)
            {
                var attention = new double[c.NumHeads * hd];
                for (var head = 0; head < c.NumHeads; head++)
                {
                    var kvHead = head / group;
                    var first = c.SlidingWindow > 0 ? Math.Max(0, t - c.SlidingWindow + 1) : 0;
                    var scores = new double[t + 1];
                    for (var s = first; s <= t; s++)
                    {
                        double dot = 0;
                        for (var i = 0; i < hd; i++) dot += q[t][head * hd + i] * k[s][kvHead * hd + i];
                        scores[s] = dot / Math.Sqrt(hd);
                    }
                    var max = scores.Skip(first).Max();
                    var sum = 0.0;
                    for (var s = first; s <= t; s++) sum += scores[s] = Math.Exp(scores[s] - max);
                    for (var s = first; s <= t; s++)
                        for (var i = 0; i < hd; i++)
                            attention[head * hd + i] += scores[s] / sum * v[s][kvHead * hd + i];
                }
                var o = MatVec(layer.Output, attention);
                for (var i = 0; i < h; i++) x[t][i] += o[i];
                var xn = Norm(x[t], layer.FeedForwardNorm, c.RmsNormEps);
                var gate = MatVec(layer.Gate, xn);
                var up = MatVec(layer.Up, xn);
                var act = gate.Select((g, i) => g / (1 + Math.Exp(-g)) * up[i]).ToArray();
                var down = MatVec(layer.Down, act);
                for (var i = 0; i < h; i++) x[t][i] += down[i];
            }
        }
        return x.Select(row => MatVec(w.Output, Norm(row, w.OutputNorm, c.RmsNormEps)).Select(d => (float)d).ToArray()).ToArray();
    }

    private static float[] Row(WeightMatrix m, int row)
    {
        var values = new float[m.Columns];
        fixed (float* p = values) RowDecoder.Decode(m.Type, m.Row(row), p, m.Columns, Kernels.Numerics.SimdLevel.Scalar);
        return values;
    }

    private static double[] MatVec(WeightMatrix m, double[] x)
    {
        var y = new double[m.Rows];
        for (var r = 0; r < m.Rows; r++)
        {
            var row = Row(m, r);
            double sum = 0;
            for (var i = 0; i < x.Length; i++) sum += row[i] * x[i];
            y[r] = sum;
        }
        return y;
    }

    private static double[] Add(double[] x, float[]? bias)
    {
        if (bias is not null) for (var i = 0; i < x.Length; i++) x[i] += bias[i];
        return x;
    }

    private static double[] Norm(double[] x, float[] weight, float eps)
    {
        var scale = 1 / Math.Sqrt(x.Sum(v => v * v) / x.Length + eps);
        return x.Select((v, i) => v * scale * weight[i]).ToArray();
    }

    private static double[] Rope(double[] x, int position, ModelConfig c)
    {
        var hd = c.HeadDim;
        for (var head = 0; head < x.Length / hd; head++)
            for (var i = 0; i < hd / 2; i++)
            {
                var frequency = 1 / Math.Pow(c.RopeTheta, 2.0 * i / hd);
                frequency = c.RopeScaling?.Scale(i, frequency) ?? frequency;
                var angle = position * frequency;
                var (a, b) = c.RopeStyle == RopeStyle.NeoX ? (head * hd + i, head * hd + i + hd / 2) : (head * hd + 2 * i, head * hd + 2 * i + 1);
                double x0 = x[a], x1 = x[b];
                x[a] = x0 * Math.Cos(angle) - x1 * Math.Sin(angle);
                x[b] = x1 * Math.Cos(angle) + x0 * Math.Sin(angle);
            }
        return x;
    }
}
