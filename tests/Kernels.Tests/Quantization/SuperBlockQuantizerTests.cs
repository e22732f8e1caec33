using Platform.Kernels.Numerics;
using Platform.Kernels.Quantization;

namespace Platform.Kernels.Tests.Quantization;

/// <summary>The 256-value super-block activation format: identical on every path, sums that are the sums of the values, bounded error.</summary>
public unsafe class SuperBlockQuantizerTests
{
    internal static (sbyte[] Values, float[] Scales, short[] Sums) Quantize(float[] x, int tokens, int columns, SimdLevel level)
    {
        var q = new sbyte[tokens * columns];
        var d = new float[tokens * columns / 256];
        var sums = new short[tokens * columns / 16];
        fixed (float* px = x)
        fixed (sbyte* pq = q)
        fixed (float* pd = d)
        fixed (short* ps = sums)
            SuperBlockQuantizer.Quantize(px, columns, tokens, columns, new SuperBlockActivations(pq, pd, ps, tokens, columns), level);
        return (q, d, sums);
    }

    /// <summary>The values the K-quant dot products multiply: q·scale per super-block.</summary>
    internal static float[] Dequantized(float[] x, int tokens, int columns)
    {
        var (q, d, _) = Quantize(x, tokens, columns, SimdLevel.Scalar);
        return q.Select((v, i) => v * d[i / 256]).ToArray();
    }

    static float[] RandomRows(Random random, int count) =>
        Enumerable.Range(0, count).Select(i => (float)((random.NextDouble() * 2 - 1) * (1 + i % 7))).ToArray();

    [Theory]
    [MemberData(nameof(TestLevels.All), MemberType = typeof(TestLevels))]
    public void EveryPathGivesTheScalarPathsValuesScalesAndSums(SimdLevel level)
    {
        const int tokens = 3, columns = 768;
        var x = RandomRows(new Random(11), tokens * columns);
        x[5] = 0; // a zero block elsewhere must not disturb the others
        var expected = Quantize(x, tokens, columns, SimdLevel.Scalar);
        var actual = Quantize(x, tokens, columns, level);
        Assert.Equal(expected.Values, actual.Values);
        Assert.Equal(expected.Scales, actual.Scales);
        Assert.Equal(expected.Sums, actual.Sums);
    }

    [Theory]
    [MemberData(nameof(TestLevels.All), MemberType = typeof(TestLevels))]
    public void EachGroupSumEqualsTheSumOfItsSixteenValues(SimdLevel level)
    {
        const int tokens = 2, columns = 512;
        var (q, _, sums) = Quantize(RandomRows(new Random(3), tokens * columns), tokens, columns, level);
        for (var g = 0; g < sums.Length; g++)
            Assert.Equal(q.Skip(16 * g).Take(16).Sum(v => (int)v), sums[g]);
    }

    [Theory]
    [MemberData(nameof(TestLevels.All), MemberType = typeof(TestLevels))]
    public void ValuesReachTheFullRangeAndRoundTripWithinHalfAStep(SimdLevel level)
    {
        const int columns = 256;
        var x = RandomRows(new Random(9), columns);
        var (q, d, _) = Quantize(x, 1, columns, level);
        Assert.Equal(127, q.Max(v => Math.Abs((int)v)));
        for (var i = 0; i < columns; i++)
            Assert.True(Math.Abs(q[i] * d[0] - x[i]) <= d[0] * 0.5001f, $"value {i}: {q[i]}·{d[0]} vs {x[i]}");
    }

    [Theory]
    [MemberData(nameof(TestLevels.All), MemberType = typeof(TestLevels))]
    public void AllZeroSuperBlockHasZeroScaleValuesAndSums(SimdLevel level)
    {
        var (q, d, sums) = Quantize(new float[256], 1, 256, level);
        Assert.All(q, v => Assert.Equal(0, v));
        Assert.Equal(0f, d[0]);
        Assert.All(sums, v => Assert.Equal(0, v));
    }

    [Fact]
    public void ColumnsThatAreNotWholeSuperBlocksAreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => Quantize(new float[288], 1, 288, SimdLevel.Scalar));
        Assert.Contains("256", e.Message);
    }
}
