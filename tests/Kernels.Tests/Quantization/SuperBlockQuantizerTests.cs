using Platform.Kernels.Numerics;
using Platform.Kernels.Quantization;

namespace Platform.Kernels.Tests.Quantization;

/// <summary>The 256-value super-block activation format: identical on every path, sums that are the sums of the values, bounded error per block.</summary>
public unsafe class SuperBlockQuantizerTests
{
    internal record Quantized(sbyte[] Values, float[] Scales, short[] Multipliers, short[] Sums)
    {
        /// <summary>The values the K-quant dot products multiply: q·k·scale.</summary>
        public float[] Dequantized() => Values.Select((v, i) => v * Multipliers[i / 32] * Scales[i / 256]).ToArray();
    }

    internal static Quantized Quantize(float[] x, int tokens, int columns, SimdLevel level)
    {
        var result = new Quantized(new sbyte[tokens * columns], new float[tokens * columns / 256], new short[tokens * columns / 32], new short[tokens * columns / 16]);
        fixed (float* px = x)
        fixed (sbyte* pq = result.Values)
        fixed (float* pd = result.Scales)
        fixed (short* pk = result.Multipliers, ps = result.Sums)
            SuperBlockQuantizer.Quantize(px, columns, tokens, columns, new SuperBlockActivations(pq, pd, pk, ps, tokens, columns), level);
        return result;
    }

    internal static float[] Dequantized(float[] x, int tokens, int columns) => Quantize(x, tokens, columns, SimdLevel.Scalar).Dequantized();

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
        Assert.Equal(expected.Multipliers, actual.Multipliers);
        Assert.Equal(expected.Sums, actual.Sums);
    }

    [Theory]
    [MemberData(nameof(TestLevels.All), MemberType = typeof(TestLevels))]
    public void EachGroupSumEqualsTheSumOfItsSixteenValuesTimesTheirBlocksMultiplier(SimdLevel level)
    {
        const int tokens = 2, columns = 512;
        var a = Quantize(RandomRows(new Random(3), tokens * columns), tokens, columns, level);
        for (var g = 0; g < a.Sums.Length; g++)
            Assert.Equal(a.Multipliers[g / 2] * a.Values.Skip(16 * g).Take(16).Sum(v => (int)v), a.Sums[g]);
    }

    [Theory]
    [MemberData(nameof(TestLevels.All), MemberType = typeof(TestLevels))]
    public void QuietBlocksGetSmallerStepsAndEveryValueRoundTripsWithinHalfItsStep(SimdLevel level)
    {
        const int columns = 256;
        var x = RandomRows(new Random(9), columns);
        for (var i = 64; i < 96; i++) x[i] *= 0.01f; // a quiet block next to loud ones
        var a = Quantize(x, 1, columns, level);
        Assert.Equal(127, a.Values.Max(v => Math.Abs((int)v)));
        Assert.Equal(SuperBlockActivations.MaxMultiplier, a.Multipliers.Max());
        Assert.Equal(1, a.Multipliers[2]);
        var y = a.Dequantized();
        for (var i = 0; i < columns; i++)
        {
            var step = a.Multipliers[i / 32] * a.Scales[0];
            Assert.True(Math.Abs(y[i] - x[i]) <= step * 0.5001f, $"value {i}: {y[i]} vs {x[i]}");
        }
    }

    [Theory]
    [MemberData(nameof(TestLevels.All), MemberType = typeof(TestLevels))]
    public void AllZeroSuperBlockHasZeroScaleValuesAndSums(SimdLevel level)
    {
        var a = Quantize(new float[256], 1, 256, level);
        Assert.All(a.Values, v => Assert.Equal(0, v));
        Assert.Equal(0f, a.Scales[0]);
        Assert.All(a.Sums, v => Assert.Equal(0, v));
    }

    [Fact]
    public void ColumnsThatAreNotWholeSuperBlocksAreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => Quantize(new float[288], 1, 288, SimdLevel.Scalar));
        Assert.Contains("256", e.Message);
    }
}
