using Platform.Kernels.Numerics;
using Platform.Kernels.Quantization;
using Platform.Kernels.Tests.MatMul;
using Platform.Kernels.Weights;

namespace Platform.Kernels.Tests.Quantization;

/// <summary>K-quant rows times super-block activations, in integers, against the decoded weights times the dequantised activations.</summary>
public unsafe class KQuantDotTests
{
    public static TheoryData<WeightType, SimdLevel> TypesAndLevels() => KQuantTests.TypesAndLevels();

    internal static float[] Multiply(WeightType type, byte[] weights, int rows, int columns, float[] x, int tokens, SimdLevel level,
        int firstToken = 0, int start = 0)
    {
        var a = SuperBlockQuantizerTests.Quantize(x, tokens, columns, SimdLevel.Scalar);
        var y = new float[tokens * rows];
        fixed (byte* b = weights)
        fixed (float* pd = a.Scales, py = y)
        fixed (sbyte* pq = a.Values)
        fixed (short* pk = a.Multipliers, ps = a.Sums)
        {
            var activations = new SuperBlockActivations(pq, pd, pk, ps, tokens, columns);
            KQuantDot.Rows(new WeightMatrix(b, type, rows, columns), start, rows, activations, firstToken, tokens, py, rows, level);
        }
        return y;
    }

    [Theory]
    [MemberData(nameof(TypesAndLevels))]
    public void EveryRowAndTokenCountEqualsDecodedWeightsTimesDequantisedActivations(WeightType type, SimdLevel level)
    {
        var random = new Random((int)type * 31 + (int)level);
        foreach (var (rows, columns) in new[] { (1, 256), (5, 512), (17, 768) })
        {
            var (bytes, decoded) = MatMulKernelTests.Weights(type, rows, columns, random);
            for (var tokens = 1; tokens <= 7; tokens++)
            {
                // Blocks of differing loudness give every block multiplier; the offset makes the mins matter.
                var x = Enumerable.Range(0, tokens * columns).Select(i => (float)((random.NextDouble() * 4 - 1) * (1 + i / 32 % 5))).ToArray();
                var dequantised = SuperBlockQuantizerTests.Dequantized(x, tokens, columns);
                var y = Multiply(type, bytes, rows, columns, x, tokens, level);
                for (var t = 0; t < tokens; t++)
                    for (var r = 0; r < rows; r++)
                    {
                        double expected = 0, magnitude = 0;
                        for (var k = 0; k < columns; k++)
                        {
                            var p = (double)decoded[r * columns + k] * dequantised[t * columns + k];
                            expected += p;
                            magnitude += Math.Abs(p);
                        }
                        Assert.True(Math.Abs(expected - y[t * rows + r]) <= 1e-5 * magnitude + 1e-6,
                            $"{type} {level} {rows}x{columns}, {tokens} tokens, t={t} r={r}: {y[t * rows + r]} vs {expected}");
                    }
            }
        }
    }

    [Theory]
    [MemberData(nameof(TypesAndLevels))]
    public void SaturatedCodesAndActivationsDoNotOverflowTheIntegerSums(WeightType type, SimdLevel level)
    {
        // Every weight at the top of its range, every activation at 127 with the largest multiplier: the largest sums.
        const int columns = 512;
        var values = Enumerable.Range(0, columns).Select(i => i % 256 == 0 ? -1f : 1f).ToArray();
        var bytes = new byte[WeightTypeInfo.RowBytes(type, columns)];
        var decoded = new float[columns];
        fixed (byte* b = bytes)
        fixed (float* d = decoded)
        {
            KQuantTests.Quantize(type, values, b);
            RowDecoder.Decode(type, b, d, columns);
        }
        var x = Enumerable.Repeat(1f, columns).ToArray();
        var y = Multiply(type, bytes, 1, columns, x, 1, level);
        var expected = decoded.Sum(v => (double)v);
        Assert.True(Math.Abs(expected - y[0]) <= 1e-5 * decoded.Sum(v => Math.Abs((double)v)), $"{y[0]} vs {expected}");
    }

    [Theory]
    [MemberData(nameof(TypesAndLevels))]
    public void ARangeOfRowsAndTokensWritesOnlyThoseOutputs(WeightType type, SimdLevel level)
    {
        const int rows = 9, columns = 256, tokens = 6;
        var random = new Random(4);
        var (bytes, _) = MatMulKernelTests.Weights(type, rows, columns, random);
        var x = Enumerable.Range(0, tokens * columns).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var all = Multiply(type, bytes, rows, columns, x, tokens, level);
        var part = Multiply(type, bytes, rows, columns, x, tokens, level, firstToken: 2, start: 3);
        for (var t = 0; t < tokens; t++)
            for (var r = 0; r < rows; r++)
                Assert.Equal(t >= 2 && r >= 3 ? all[t * rows + r] : 0f, part[t * rows + r]);
    }

    [Fact]
    public void NonKQuantWeightsAreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => Multiply(WeightType.Q8_0, new byte[34 * 8], 1, 256, new float[256], 1, SimdLevel.Scalar));
        Assert.Contains("Q8_0", e.Message);
    }
}
