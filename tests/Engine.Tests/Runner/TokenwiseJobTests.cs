using Platform.Engine.Runner;
using Platform.Kernels.Activations;
using Platform.Kernels.Normalization;
using Platform.Kernels.Threading;

namespace Platform.Engine.Tests.Runner;

/// <summary>The per-token jobs of a layer, split across workers, give exactly what the kernels give token by token.</summary>
public unsafe class TokenwiseJobTests
{
    // Rows of whole vectors, as in real models: a split inside a vector would move elements to the scalar tail, which
    // rounds its exponentials differently.
    private const int Hidden = 48, Intermediate = 64;

    [Theory]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(70)]
    public void ResidualNorm_AddsTheResidualThenNormalises_AsTheKernelsDoPerToken(int tokens)
    {
        var hidden = Random(tokens * Hidden, 1);
        var residual = Random(tokens * Hidden, 2);
        var weight = Random(Hidden, 3);
        var (expectedHidden, expectedNormed) = ((float[])hidden.Clone(), new float[tokens * Hidden]);
        for (var t = 0; t < tokens; t++)
        {
            var row = expectedHidden.AsSpan(t * Hidden, Hidden);
            for (var i = 0; i < Hidden; i++) row[i] += residual[t * Hidden + i];
            RmsNorm.Apply(row, weight, expectedNormed.AsSpan(t * Hidden, Hidden), 1e-5f);
        }
        var normed = new float[tokens * Hidden];
        using var pool = new WorkerPool(2);
        var job = new ResidualNormJob(Hidden, 1e-5f);
        fixed (float* h = hidden, r = residual, n = normed)
            pool.Run(job, job.Plan(h, r, weight, n, tokens));

        Assert.Equal(expectedHidden, hidden);
        Assert.Equal(expectedNormed, normed);
    }

    [Fact]
    public void ResidualNorm_WithoutAResidual_OnlyNormalises_AndWithoutAWeight_OnlyAdds()
    {
        const int tokens = 40;
        var hidden = Random(tokens * Hidden, 4);
        var residual = Random(tokens * Hidden, 5);
        var weight = Random(Hidden, 6);
        var original = (float[])hidden.Clone();
        var normed = new float[tokens * Hidden];
        var untouched = new float[tokens * Hidden];
        using var pool = new WorkerPool(2);
        var job = new ResidualNormJob(Hidden, 1e-5f);
        fixed (float* h = hidden, r = residual, n = normed, u = untouched)
        {
            pool.Run(job, job.Plan(h, null, weight, n, tokens));
            Assert.Equal(original, hidden);
            pool.Run(job, job.Plan(h, r, null, u, tokens));
        }

        var expectedNormed = new float[tokens * Hidden];
        for (var t = 0; t < tokens; t++)
            RmsNorm.Apply(original.AsSpan(t * Hidden, Hidden), weight, expectedNormed.AsSpan(t * Hidden, Hidden), 1e-5f);
        Assert.Equal(expectedNormed, normed);
        Assert.Equal(original.Select((x, i) => x + residual[i]), hidden);
        Assert.All(untouched, x => Assert.Equal(0f, x));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    [InlineData(70)]
    public void SwiGlu_OverEveryTokenRow_MatchesTheKernelOverTheWholeBuffer(int tokens)
    {
        var gate = Random(tokens * Intermediate, 7);
        var up = Random(tokens * Intermediate, 8);
        var expected = new float[gate.Length];
        SwiGlu.Apply(gate, up, expected);
        using var pool = new WorkerPool(2);
        var job = new SwiGluJob(Intermediate);
        fixed (float* g = gate, u = up)
            pool.Run(job, job.Plan(g, u, tokens));

        Assert.Equal(expected, gate);
    }

    private static float[] Random(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
    }
}
