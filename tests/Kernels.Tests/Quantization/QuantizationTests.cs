using Platform.Kernels.Numerics;
using Platform.Kernels.Quantization;
using Platform.Kernels.Weights;

namespace Platform.Kernels.Tests.Quantization;

public unsafe class QuantizationTests
{
    private static float[] Random(int n, int seed) { var r = new Random(seed); return Enumerable.Range(0, n).Select(_ => (float)(r.NextDouble() * 4 - 2)).ToArray(); }

    [Theory]
    [InlineData(WeightType.Q8_0, 0.01)]
    [InlineData(WeightType.Q4_0, 0.15)]
    public void QuantisedWeightsDecodeBackWithinTheBlockResolution(WeightType type, double tolerance)
    {
        var values = Random(32 * 7, 1);
        var bytes = new byte[WeightTypeInfo.RowBytes(type, values.Length)];
        var decoded = new float[values.Length];
        fixed (byte* b = bytes)
        fixed (float* d = decoded)
        {
            if (type == WeightType.Q8_0) WeightQuantizer.QuantizeQ8_0(values, b);
            else WeightQuantizer.QuantizeQ4_0(values, b);
            RowDecoder.Decode(type, b, d, values.Length);
        }
        for (var i = 0; i < values.Length; i++)
            Assert.InRange(decoded[i], values[i] - tolerance * 2, values[i] + tolerance * 2);
    }

    [Theory]
    [MemberData(nameof(TestLevels.All), MemberType = typeof(TestLevels))]
    public void ActivationQuantisationGivesIdenticalBytesOnEveryPath(SimdLevel level)
    {
        var x = Random(96 * 3, 2);
        x[5] = 0; // a block with zeros and one all-zero block
        Array.Clear(x, 32, 32);
        var (qs, ds) = Quantize(x, 3, 96, SimdLevel.Scalar);
        var (qv, dv) = Quantize(x, 3, 96, level);
        Assert.Equal(qs, qv);
        Assert.Equal(ds, dv);
        Assert.All(ds.Skip(1).Take(1), d => Assert.Equal(0f, d));
        for (var i = 0; i < x.Length; i++)
            Assert.InRange(qs[i] * ds[i / 32], x[i] - ds[i / 32], x[i] + ds[i / 32]);
    }

    internal static (sbyte[] Values, float[] Scales) Quantize(float[] x, int tokens, int columns, SimdLevel level)
    {
        var q = new sbyte[tokens * columns];
        var d = new float[tokens * columns / 32];
        fixed (float* px = x)
        fixed (sbyte* pq = q)
        fixed (float* pd = d)
            ActivationQuantizer.Quantize(px, columns, tokens, columns, new QuantizedActivations(pq, pd, tokens, columns), level);
        return (q, d);
    }
}
