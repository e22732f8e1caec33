using Platform.Kernels.Numerics;
using Platform.Kernels.Quantization;
using Platform.Kernels.Tests.MatMul;
using Platform.Kernels.Weights;

namespace Platform.Kernels.Tests.Quantization;

/// <summary>The VNNI int8 GEMM against the per-token integer dot products over the same quantised activations.</summary>
public unsafe class QuantGemmTests
{
    public static TheoryData<WeightType, int, int, int> Cases()
    {
        var data = new TheoryData<WeightType, int, int, int>();
        foreach (var type in new[] { WeightType.Q8_0, WeightType.Q4_0 })
        {
            foreach (var rows in new[] { 1, 3, 37 })
                for (var tokens = 1; tokens <= 70; tokens += rows == 37 ? 1 : 23)
                    data.Add(type, rows, tokens, 0);
            foreach (var tokens in new[] { 1, 8, 17, 70 })
                data.Add(type, 37, tokens, 6);
        }
        return data;
    }

    /// <summary>Rows [start, rows) against the scalar per-token dot products; rows before start stay untouched.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void GemmEqualsPerTokenQuantDot(WeightType type, int rows, int tokens, int start)
    {
        const int columns = 96;
        var random = new Random(rows * 100 + tokens);
        var x = Enumerable.Range(0, tokens * columns).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        var weights = MatMulKernelTests.Weights(type, rows, columns, random).Bytes;
        var gemm = Enumerable.Repeat(float.NaN, tokens * rows).ToArray();
        var dot = new float[tokens * rows];
        var packed = new byte[PackedActivations.BytesFor(tokens, columns)];
        var values = new sbyte[tokens * columns];
        var scales = new float[tokens * columns / 32];
        var scratch = new float[QuantGemm.ScratchFloats(rows - start, columns, tokens)];
        fixed (byte* w = weights, p = packed)
        fixed (sbyte* q = values)
        fixed (float* px = x, d = scales, yg = gemm, yd = dot, work = scratch)
        {
            var matrix = new WeightMatrix(w, type, rows, columns);
            var pa = new PackedActivations(p, tokens, columns);
            // In two ranges of token groups, as workers share a batch.
            ActivationPacker.Quantize(px, columns, tokens, columns, pa, 0, pa.Groups / 2);
            ActivationPacker.Quantize(px, columns, tokens, columns, pa, pa.Groups / 2, pa.Groups);
            if (!QuantGemm.Supports(type, SimdLevel.Auto))
            {
                // Without AVX-VNNI the GEMM refuses, and the matmul kernel never picks it.
                var (output, buffer) = ((nint)yg, (nint)work);
                Assert.Throws<PlatformNotSupportedException>(() => QuantGemm.Rows(in matrix, 0, rows, pa, (float*)output, rows, (float*)buffer));
                return;
            }
            QuantGemm.Rows(in matrix, start, rows, pa, yg, rows, work);
            var qa = new QuantizedActivations(q, d, tokens, columns);
            ActivationQuantizer.Quantize(px, columns, tokens, columns, qa);
            QuantDot.Rows(in matrix, 0, rows, qa, 0, tokens, yd, rows, SimdLevel.Scalar);
        }
        for (var i = 0; i < gemm.Length; i++)
            if (i % rows < start)
                Assert.True(float.IsNaN(gemm[i]), $"t={i / rows} r={i % rows} was written");
            else
                Assert.True(Math.Abs(gemm[i] - dot[i]) <= 1e-4f * (1 + Math.Abs(dot[i])), $"t={i / rows} r={i % rows}: {gemm[i]} vs {dot[i]}");
    }

    public static TheoryData<WeightType, int, int> KQuantCases()
    {
        var data = new TheoryData<WeightType, int, int>();
        foreach (var type in new[] { WeightType.Q4_K, WeightType.Q5_K, WeightType.Q6_K })
            foreach (var tokens in new[] { 1, 8, 9, 17, 70 })
                foreach (var start in new[] { 0, 5 })
                    data.Add(type, tokens, start);
        return data;
    }

    /// <summary>K-quant rows [start, 37) against a double-precision product of their exact values with the packed activations' values.</summary>
    [Theory]
    [MemberData(nameof(KQuantCases))]
    public void KQuantGemmEqualsDoublePrecisionReference(WeightType type, int tokens, int start)
    {
        const int rows = 37, columns = 512;
        var random = new Random(tokens * 10 + start);
        var x = Enumerable.Range(0, tokens * columns).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        var (weights, dense) = MatMulKernelTests.Weights(type, rows, columns, random);
        var (q, d) = QuantizationTests.Quantize(x, tokens, columns, SimdLevel.Scalar);
        var gemm = Enumerable.Repeat(float.NaN, tokens * rows).ToArray();
        var packed = new byte[PackedActivations.BytesFor(tokens, columns)];
        var scratch = new float[QuantGemm.ScratchFloats(rows - start, columns, tokens)];
        fixed (byte* w = weights, p = packed)
        fixed (float* px = x, yg = gemm, work = scratch)
        {
            var matrix = new WeightMatrix(w, type, rows, columns);
            var pa = new PackedActivations(p, tokens, columns);
            ActivationPacker.Quantize(px, columns, tokens, columns, pa);
            if (!QuantGemm.Supports(type, SimdLevel.Auto))
            {
                var (output, buffer) = ((nint)yg, (nint)work);
                Assert.Throws<PlatformNotSupportedException>(() => QuantGemm.Rows(in matrix, start, rows, pa, (float*)output, rows, (float*)buffer));
                return;
            }
            QuantGemm.Rows(in matrix, start, rows, pa, yg, rows, work);
        }
        for (var t = 0; t < tokens; t++)
            for (var r = 0; r < rows; r++)
            {
                var actual = gemm[t * rows + r];
                if (r < start)
                {
                    Assert.True(float.IsNaN(actual), $"t={t} r={r} was written");
                    continue;
                }
                double expected = 0;
                for (var k = 0; k < columns; k++) expected += (double)dense[r * columns + k] * q[t * columns + k] * d[(t * columns + k) / 32];
                Assert.True(Math.Abs(expected - actual) <= 1e-4 * (1 + Math.Abs(expected)), $"t={t} r={r}: {actual} vs {expected}");
            }
    }

    [Theory]
    [MemberData(nameof(TestLevels.All), MemberType = typeof(TestLevels))]
    public void PackedQuantisationHoldsThePlainLayoutsBytesItsScalesAndItsSumsTimesTheWeightOffsets(SimdLevel level)
    {
        const int tokens = 11, columns = 64;
        var random = new Random(3);
        var x = Enumerable.Range(0, tokens * columns).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        var (q, d) = QuantizationTests.Quantize(x, tokens, columns, SimdLevel.Scalar);
        var packed = new byte[PackedActivations.BytesFor(tokens, columns)];
        fixed (float* px = x)
        fixed (byte* p = packed)
        {
            var pa = new PackedActivations(p, tokens, columns);
            ActivationPacker.Quantize(px, columns, tokens, columns, pa, level);
            for (var t = 0; t < 16; t++)
                for (var b = 0; b < columns / 32; b++)
                {
                    var block = pa.Block(t / 8, b);
                    var sum = 0;
                    for (var i = 0; i < 32; i++)
                    {
                        var value = (sbyte)block[i / 4 * 32 + t % 8 * 4 + i % 4];
                        Assert.Equal(t < tokens ? q[t * columns + b * 32 + i] : 0, value);
                        sum += value;
                    }
                    Assert.Equal(t < tokens ? d[t * columns / 32 + b] : 0f, ((float*)(block + PackedActivations.ScalesOffset))[t % 8]);
                    Assert.Equal(-8 * sum, ((int*)(block + PackedActivations.Sums8Offset))[t % 8]);
                    Assert.Equal(-128 * sum, ((int*)(block + PackedActivations.Sums128Offset))[t % 8]);
                    Assert.Equal(-sum * ((float*)(block + PackedActivations.ScalesOffset))[t % 8], ((float*)(block + PackedActivations.ScaledSumsOffset))[t % 8]);
                    var low = 0;
                    for (var i = 0; i < 16; i++) low += (sbyte)block[i / 4 * 32 + t % 8 * 4 + i % 4];
                    Assert.Equal(-32 * low, ((int*)(block + PackedActivations.HalfSums32Offset))[t % 8]);
                    Assert.Equal(-32 * (sum - low), ((int*)(block + PackedActivations.HalfSums32Offset + 32))[t % 8]);
                }
        }
    }
}
