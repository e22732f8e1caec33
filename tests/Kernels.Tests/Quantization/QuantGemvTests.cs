using Platform.Kernels.Numerics;
using Platform.Kernels.Quantization;
using Platform.Kernels.Tests.MatMul;
using Platform.Kernels.Weights;

namespace Platform.Kernels.Tests.Quantization;

/// <summary>The one-token Q8_0/Q4_0 product (four rows per pass) against the scalar per-row dot products.</summary>
public unsafe class QuantGemvTests
{
    public static TheoryData<WeightType, SimdLevel> TypesAndLevels()
    {
        var data = new TheoryData<WeightType, SimdLevel>();
        foreach (var level in TestLevels.All())
            if (level != SimdLevel.Scalar)
                foreach (var type in new[] { WeightType.Q8_0, WeightType.Q4_0 })
                    data.Add(type, level);
        return data;
    }

    [Theory]
    [MemberData(nameof(TypesAndLevels))]
    public void EveryRangeOfRowsEqualsTheScalarDotProducts(WeightType type, SimdLevel level)
    {
        const int rows = 11, columns = 800;
        var random = new Random((int)type * 7 + (int)level);
        var weights = MatMulKernelTests.Weights(type, rows, columns, random).Bytes;
        // The token sits second of three, so the product must read that token's values and scales.
        var x = Enumerable.Range(0, 3 * columns).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        var (values, scales) = QuantizationTests.Quantize(x, 3, columns, SimdLevel.Scalar);
        var expected = Multiply(type, weights, rows, columns, values, scales, 0, rows, SimdLevel.Scalar);
        // Whole passes, a remainder of every size, and ranges that start and end mid-matrix.
        foreach (var (start, end) in new[] { (0, rows), (0, 8), (0, 1), (3, 5), (3, 6), (1, 10), (4, 11) })
        {
            var y = Multiply(type, weights, rows, columns, values, scales, start, end, level);
            for (var t = 0; t < 3; t++)
                for (var r = 0; r < rows; r++)
                {
                    var i = t * rows + r;
                    if (t != 1 || r < start || r >= end) Assert.Equal(0f, y[i]);
                    else Assert.True(Math.Abs(expected[i] - y[i]) <= 1e-4f * (1 + Math.Abs(expected[i])), $"[{start}, {end}) r={r}: {y[i]} vs {expected[i]}");
                }
        }
    }

    private static float[] Multiply(WeightType type, byte[] weights, int rows, int columns, sbyte[] values, float[] scales, int start, int end, SimdLevel level)
    {
        var y = new float[3 * rows];
        fixed (byte* w = weights)
        fixed (sbyte* q = values)
        fixed (float* d = scales, py = y)
            QuantDot.Rows(new WeightMatrix(w, type, rows, columns), start, end, new QuantizedActivations(q, d, 3, columns), 1, 2, py, rows, level);
        return y;
    }
}
