using Platform.Kernels.Activations;
using Platform.Kernels.Normalization;
using Platform.Kernels.Numerics;
using Platform.Kernels.Sampling;

namespace Platform.Kernels.Tests.Activations;

public class ElementwiseKernelTests
{
    [Theory]
    [MemberData(nameof(TestLevels.All), MemberType = typeof(TestLevels))]
    public void SwiGluEqualsSiluOfGateTimesUpEvenWhenOutputAliasesGate(SimdLevel level)
    {
        var random = new Random(1);
        var gate = Enumerable.Range(0, 37).Select(_ => (float)(random.NextDouble() * 20 - 10)).ToArray();
        var up = Enumerable.Range(0, 37).Select(_ => (float)random.NextDouble()).ToArray();
        var expected = gate.Select((g, i) => g / (1 + Math.Exp(-g)) * up[i]).ToArray();
        SwiGlu.Apply(gate, up, gate, level);
        for (var i = 0; i < gate.Length; i++) Assert.Equal(expected[i], gate[i], 1e-5);
    }

    [Fact]
    public void RmsNormScalesToUnitRootMeanSquareTimesWeight()
    {
        float[] x = [1, -2, 3, -4, 5];
        float[] w = [1, 1, 2, 1, 0.5f];
        var y = new float[5];
        RmsNorm.Apply(x, w, y, 1e-6f);
        var rms = Math.Sqrt(x.Sum(v => v * v) / 5.0 + 1e-6);
        for (var i = 0; i < 5; i++) Assert.Equal(x[i] / rms * w[i], y[i], 1e-5);
    }

    [Fact]
    public void SoftmaxIsStableForLargeLogitsAndSumsToOne()
    {
        float[] logits = [1000, 1001, 999, -1e30f];
        var p = new float[4];
        Softmax.Apply(logits, p);
        Assert.Equal(1.0, p.Sum(), 1e-6);
        Assert.Equal(Math.Exp(1) / (1 + Math.Exp(1) + Math.Exp(-1)), p[1], 1e-6);
        Assert.Equal(0, p[3]);
    }

    [Fact]
    public void ArgMaxTakesTheFirstOfEqualMaxima()
    {
        Assert.Equal(2, ArgMax.Of([0.5f, 1, 3, -2, 3]));
        Assert.Throws<ArgumentException>(() => ArgMax.Of([]));
    }
}
