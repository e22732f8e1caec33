using Platform.Kernels.Numerics;
using Platform.Kernels.Quantization;
using Platform.Kernels.Weights;

namespace Platform.Kernels.Tests.Quantization;

/// <summary>Q4_K, Q5_K and Q6_K: decoding against gguf-py's reference, our quantizer against llama.cpp's error bounds, the dot product's error on every path.</summary>
public unsafe class KQuantTests
{
    public static TheoryData<WeightType> Types() => [WeightType.Q4_K, WeightType.Q5_K, WeightType.Q6_K];

    public static TheoryData<WeightType, SimdLevel> TypesAndLevels()
    {
        var data = new TheoryData<WeightType, SimdLevel>();
        foreach (var type in Types())
            foreach (var level in TestLevels.All())
                data.Add(type, level);
        return data;
    }

    static string Fixture(string file) => Path.Combine(AppContext.BaseDirectory, "Quantization", "Fixtures", file);

    [Theory]
    [MemberData(nameof(TypesAndLevels))]
    public void DecodingEveryBlockEqualsGgufPysReferenceDequantizerBitForBitOnEveryPath(WeightType type, SimdLevel level)
    {
        var name = type.ToString().ToLowerInvariant();
        var blocks = File.ReadAllBytes(Fixture(name + ".blocks"));
        var expected = File.ReadAllBytes(Fixture(name + ".f32"));
        var count = blocks.Length / WeightTypeInfo.BlockBytes(type) * 256;
        Assert.Equal(count * 4, expected.Length);
        var decoded = new float[count];
        fixed (byte* b = blocks)
        fixed (float* d = decoded)
            RowDecoder.Decode(type, b, d, count, level);
        for (var i = 0; i < count; i++)
            Assert.True(BitConverter.SingleToInt32Bits(decoded[i]) == BitConverter.ToInt32(expected, i * 4),
                $"{level}, value {i}: {decoded[i]} vs {BitConverter.ToSingle(expected, i * 4)}");
    }

    /// <summary>llama.cpp's test-quantize-fns data: 0.1 + 2·cos(i + offset).</summary>
    static float[] CosineData(int n, double offset) => Enumerable.Range(0, n).Select(i => (float)(0.1 + 2 * Math.Cos(i + offset))).ToArray();

    static float[] RoundTrip(WeightType type, float[] values)
    {
        var bytes = new byte[WeightTypeInfo.RowBytes(type, values.Length)];
        var decoded = new float[values.Length];
        fixed (byte* b = bytes)
        fixed (float* d = decoded)
        {
            Quantize(type, values, b);
            RowDecoder.Decode(type, b, d, values.Length);
        }
        return decoded;
    }

    internal static void Quantize(WeightType type, ReadOnlySpan<float> values, byte* destination)
    {
        switch (type)
        {
            case WeightType.Q4_K: KQuantizer.QuantizeQ4_K(values, destination); break;
            case WeightType.Q5_K: KQuantizer.QuantizeQ5_K(values, destination); break;
            case WeightType.Q6_K: KQuantizer.QuantizeQ6_K(values, destination); break;
            default: throw new ArgumentOutOfRangeException(nameof(type));
        }
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void QuantizationErrorIsWithinLlamaCppsTotalErrorBound(WeightType type)
    {
        // test-quantize-fns: sqrt(Σ diff²) / n over 32·128 values must stay under 0.002 for 4-bit and wider types.
        var data = CosineData(32 * 128, 0);
        var decoded = RoundTrip(type, data);
        var error = Math.Sqrt(data.Zip(decoded, (a, b) => (double)(a - b) * (a - b)).Sum()) / data.Length;
        Assert.True(error < 0.002, $"{type}: total error {error}");
    }

    [Theory]
    [MemberData(nameof(TypesAndLevels))]
    public void DotProductErrorAgainstFloatIsWithinLlamaCppsBound(WeightType type, SimdLevel level)
    {
        // test-quantize-fns: |quantised dot − float dot| / n under 0.02, weights quantised, activations at 8 bits.
        const int n = 32 * 128;
        var weights = CosineData(n, 0);
        var activations = CosineData(n, 1);
        var result = Dot(type, weights, activations, 1, level)[0];
        var reference = weights.Zip(activations, (a, b) => (double)a * b).Sum();
        Assert.True(Math.Abs(result - reference) / n < 0.02, $"{type} {level}: {result} vs {reference}");
    }

    static float[] Dot(WeightType type, float[] weights, float[] x, int tokens, SimdLevel level)
    {
        var bytes = new byte[WeightTypeInfo.RowBytes(type, weights.Length)];
        fixed (byte* b = bytes) Quantize(type, weights, b);
        return KQuantDotTests.Multiply(type, bytes, 1, weights.Length, x, tokens, level);
    }
}
