using Platform.Kernels.MatMul;
using Platform.Kernels.Numerics;
using Platform.Kernels.Quantization;
using Platform.Kernels.Tests.Quantization;
using Platform.Kernels.Threading;
using Platform.Kernels.Weights;

namespace Platform.Kernels.Tests.MatMul;

/// <summary>Matrix products of every weight type, on every code path, against a double-precision reference over the same stored values.</summary>
public unsafe class MatMulKernelTests
{
    private static readonly WorkerPool Pool = new(3);

    public static TheoryData<WeightType, SimdLevel, int, int, int> Cases()
    {
        var data = new TheoryData<WeightType, SimdLevel, int, int, int>();
        foreach (var level in TestLevels.All())
            foreach (var type in Enum.GetValues<WeightType>())
            {
                // 83: a float tail after the vector loop; 512: two K-quant super-blocks.
                var columns = WeightTypeInfo.IsKQuant(type) ? 512 : WeightTypeInfo.IsQuantized(type) ? 96 : 83;
                data.Add(type, level, 37, columns, 1);
                data.Add(type, level, 37, columns, 5);
                data.Add(type, level, 37, columns, 19); // two token groups of the int8 GEMM and a padded third
                data.Add(type, level, 130, columns, 70); // crosses the 64-token chunk
            }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ProductMatchesDoublePrecisionReference(WeightType type, SimdLevel level, int rows, int columns, int tokens)
    {
        var random = new Random(rows * columns + tokens);
        var x = Enumerable.Range(0, tokens * columns).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var (bytes, dense) = Weights(type, rows, columns, random);
        var y = new float[tokens * rows];
        fixed (byte* w = bytes)
        fixed (float* px = x)
        fixed (float* py = y)
        {
            using var kernel = new MatMulKernel(Pool, level);
            kernel.Multiply(px, tokens, new WeightMatrix(w, type, rows, columns), py);
        }
        var path = MatMulPaths.For(type, tokens, level);
        var activations = path == MatMulPath.QuantGemm ? Dequantized(x, tokens, columns)
            : path == MatMulPath.Float ? x
            : WeightTypeInfo.IsKQuant(type) ? SuperBlockQuantizerTests.Dequantized(x, tokens, columns)
            : Dequantized(x, tokens, columns);
        for (var t = 0; t < tokens; t++)
            for (var r = 0; r < rows; r++)
            {
                double expected = 0;
                for (var k = 0; k < columns; k++) expected += (double)dense[r * columns + k] * activations[t * columns + k];
                Assert.True(Math.Abs(expected - y[t * rows + r]) <= 1e-4 * (1 + Math.Abs(expected)), $"t={t} r={r}: {y[t * rows + r]} vs {expected}");
            }
    }

    [Theory]
    [MemberData(nameof(TestLevels.All), MemberType = typeof(TestLevels))]
    public void F16WeightsThatAreSubnormalHalvesMultiplyAsTheirValues(SimdLevel level)
    {
        // Weights near 0.02 are subnormal halves (below 2^-14) about once in 400; the GEMV widens them exactly.
        const int rows = 9, columns = 83;
        var random = new Random(11);
        var halves = Enumerable.Range(0, rows * columns).Select(i => (ushort)(i % 3 == 0 ? 0 : random.Next(1, 0x400) | (random.Next(2) << 15))).ToArray();
        var x = Enumerable.Range(0, columns).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var y = new float[rows];
        fixed (ushort* w = halves)
        fixed (float* px = x, py = y)
        {
            using var kernel = new MatMulKernel(Pool, level);
            kernel.Multiply(px, 1, new WeightMatrix((byte*)w, WeightType.F16, rows, columns), py);
        }
        for (var r = 0; r < rows; r++)
        {
            double expected = 0, magnitude = 0;
            for (var k = 0; k < columns; k++)
            {
                var term = (double)(float)BitConverter.UInt16BitsToHalf(halves[r * columns + k]) * x[k];
                expected += term;
                magnitude += Math.Abs(term);
            }
            // Float rounding of the sum; a subnormal read as zero or at twice its value would be off by whole terms.
            Assert.True(Math.Abs(expected - y[r]) <= 1e-6 * magnitude, $"row {r}: {y[r]} vs {expected}");
        }
    }

    [Fact]
    public void ThreeMatricesSharingAnInputEqualThreeSeparateProducts()
    {
        var random = new Random(5);
        const int columns = 64, tokens = 3;
        var x = Enumerable.Range(0, tokens * columns).Select(_ => (float)random.NextDouble()).ToArray();
        var mats = new[] { 48, 16, 16 }.Select(r => Weights(WeightType.F16, r, columns, random).Bytes).ToArray();
        var together = mats.Select(m => new float[tokens * (m.Length / 2 / columns)]).ToArray();
        var apart = mats.Select(m => new float[tokens * (m.Length / 2 / columns)]).ToArray();
        fixed (byte* a = mats[0], b = mats[1], c = mats[2])
        fixed (float* px = x, ya = together[0], yb = together[1], yc = together[2], za = apart[0], zb = apart[1], zc = apart[2])
        {
            using var kernel = new MatMulKernel(Pool);
            WeightMatrix wa = new(a, WeightType.F16, 48, columns), wb = new(b, WeightType.F16, 16, columns), wc = new(c, WeightType.F16, 16, columns);
            kernel.Multiply(px, tokens, wa, ya, wb, yb, wc, yc);
            kernel.Multiply(px, tokens, wa, za);
            kernel.Multiply(px, tokens, wb, zb);
            kernel.Multiply(px, tokens, wc, zc);
        }
        for (var i = 0; i < 3; i++) Assert.Equal(apart[i], together[i]);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(9)]
    public void KQuantAndQ8_0MatricesSharingAnInputEqualSeparateProducts(int tokens)
    {
        // A Q4_K_M file mixes K-quants and Q8_0 in one dispatch: each must read its own activation format.
        var random = new Random(8);
        const int columns = 512;
        var x = Enumerable.Range(0, tokens * columns).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var types = new[] { WeightType.Q4_K, WeightType.Q8_0, WeightType.Q6_K };
        var rows = new[] { 48, 16, 32 };
        var mats = types.Select((t, i) => Weights(t, rows[i], columns, random).Bytes).ToArray();
        var together = rows.Select(r => new float[tokens * r]).ToArray();
        var apart = rows.Select(r => new float[tokens * r]).ToArray();
        fixed (byte* a = mats[0], b = mats[1], c = mats[2])
        fixed (float* px = x, ya = together[0], yb = together[1], yc = together[2], za = apart[0], zb = apart[1], zc = apart[2])
        {
            using var kernel = new MatMulKernel(Pool);
            WeightMatrix wa = new(a, types[0], rows[0], columns), wb = new(b, types[1], rows[1], columns), wc = new(c, types[2], rows[2], columns);
            kernel.Multiply(px, tokens, wa, ya, wb, yb, wc, yc);
            kernel.Multiply(px, tokens, wa, za);
            kernel.Multiply(px, tokens, wb, zb);
            kernel.Multiply(px, tokens, wc, zc);
        }
        for (var i = 0; i < 3; i++) Assert.Equal(apart[i], together[i]);
    }

    private static float[] Dequantized(float[] x, int tokens, int columns)
    {
        var (q, d) = QuantizationTests.Quantize(x, tokens, columns, SimdLevel.Scalar);
        return q.Select((v, i) => v * d[i / 32]).ToArray();
    }

    /// <summary>Random weights in <paramref name="type"/>'s storage, and the exact float values they stand for.</summary>
    internal static (byte[] Bytes, float[] Dense) Weights(WeightType type, int rows, int columns, Random random)
    {
        var values = Enumerable.Range(0, rows * columns).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var rowBytes = WeightTypeInfo.RowBytes(type, columns);
        var bytes = new byte[rowBytes * rows];
        var dense = new float[rows * columns];
        fixed (byte* b = bytes)
        fixed (float* d = dense)
        {
            for (var r = 0; r < rows; r++)
            {
                var row = values.AsSpan(r * columns, columns);
                var target = b + r * rowBytes;
                switch (type)
                {
                    case WeightType.F32: row.CopyTo(new Span<float>(target, columns)); break;
                    case WeightType.F16: for (var i = 0; i < columns; i++) ((ushort*)target)[i] = HalfConversion.SingleToHalf(row[i]); break;
                    case WeightType.BF16: for (var i = 0; i < columns; i++) ((ushort*)target)[i] = HalfConversion.SingleToBFloat16(row[i]); break;
                    case WeightType.Q8_0: WeightQuantizer.QuantizeQ8_0(row, target); break;
                    case WeightType.Q4_0: WeightQuantizer.QuantizeQ4_0(row, target); break;
                    case WeightType.Q4_K: KQuantizer.QuantizeQ4_K(row, target); break;
                    case WeightType.Q5_K: KQuantizer.QuantizeQ5_K(row, target); break;
                    case WeightType.Q6_K: KQuantizer.QuantizeQ6_K(row, target); break;
                }
                RowDecoder.Decode(type, target, d + r * columns, columns, SimdLevel.Scalar);
            }
        }
        return (bytes, dense);
    }
}
