using Platform.Kernels.Numerics;

namespace Platform.Kernels.Quantization;

/// <summary>
/// Float rows to ggml's Q4_K, Q5_K and Q6_K layouts with plain min/max (not llama.cpp's error-searching) scales: for
/// random-weight models, benchmarks and tests; files quantised elsewhere load as they are.
/// </summary>
public static unsafe class KQuantizer
{
    /// <summary>Writes <paramref name="source"/>.Length/256 Q4_K super-blocks (144 bytes each).</summary>
    public static void QuantizeQ4_K(ReadOnlySpan<float> source, byte* destination) => QuantizeWithMins(source, destination, 15, fifthBits: false);

    /// <summary>Writes <paramref name="source"/>.Length/256 Q5_K super-blocks (176 bytes each).</summary>
    public static void QuantizeQ5_K(ReadOnlySpan<float> source, byte* destination) => QuantizeWithMins(source, destination, 31, fifthBits: true);

    private static void QuantizeWithMins(ReadOnlySpan<float> source, byte* destination, int levels, bool fifthBits)
    {
        RequireSuperBlocks(source.Length);
        var bytes = fifthBits ? 176 : 144;
        Span<float> steps = stackalloc float[8], mins = stackalloc float[8];
        Span<int> sc = stackalloc int[8], m = stackalloc int[8];
        for (var s = 0; s < source.Length / 256; s++, destination += bytes)
        {
            var values = source.Slice(s * 256, 256);
            for (var j = 0; j < 8; j++)
            {
                var group = values.Slice(32 * j, 32);
                float lo = 0, hi = 0;
                foreach (var v in group) { lo = MathF.Min(lo, v); hi = MathF.Max(hi, v); }
                steps[j] = (hi - lo) / levels;
                mins[j] = -lo;
            }
            var d = StoreHalf(destination, Max(steps) / 63);
            var dmin = StoreHalf(destination + 2, Max(mins) / 63);
            for (var j = 0; j < 8; j++)
            {
                sc[j] = d > 0 ? Math.Clamp((int)MathF.Round(steps[j] / d), 0, 63) : 0;
                m[j] = dmin > 0 ? Math.Clamp((int)MathF.Round(mins[j] / dmin), 0, 63) : 0;
            }
            var packed = destination + 4;
            for (var j = 0; j < 4; j++)
            {
                packed[j] = (byte)((sc[j] & 0x3F) | ((sc[j + 4] >> 4) << 6));
                packed[j + 4] = (byte)((m[j] & 0x3F) | ((m[j + 4] >> 4) << 6));
                packed[j + 8] = (byte)((sc[j + 4] & 0x0F) | ((m[j + 4] & 0x0F) << 4));
            }
            var fifth = destination + 16;
            var codes = destination + (fifthBits ? 48 : 16);
            new Span<byte>(codes, 128).Clear();
            if (fifthBits) new Span<byte>(fifth, 32).Clear();
            for (var j = 0; j < 8; j++)
            {
                float step = d * sc[j], offset = dmin * m[j];
                for (var i = 0; i < 32; i++)
                {
                    var q = step > 0 ? Math.Clamp((int)MathF.Round((values[32 * j + i] + offset) / step), 0, levels) : 0;
                    codes[32 * (j >> 1) + i] |= (byte)((q & 0x0F) << (4 * (j & 1)));
                    if (fifthBits) fifth[i] |= (byte)((q >> 4) << j);
                }
            }
        }
    }

    /// <summary>Writes <paramref name="source"/>.Length/256 Q6_K super-blocks (210 bytes each).</summary>
    public static void QuantizeQ6_K(ReadOnlySpan<float> source, byte* destination)
    {
        RequireSuperBlocks(source.Length);
        Span<float> steps = stackalloc float[16];
        for (var s = 0; s < source.Length / 256; s++, destination += 210)
        {
            var values = source.Slice(s * 256, 256);
            for (var g = 0; g < 16; g++)
            {
                var max = 0f;
                foreach (var v in values.Slice(16 * g, 16)) max = MathF.Max(max, MathF.Abs(v));
                steps[g] = max / 31;
            }
            var d = StoreHalf(destination + 208, Max(steps) / 127);
            var scales = (sbyte*)(destination + 192);
            for (var g = 0; g < 16; g++) scales[g] = (sbyte)(d > 0 ? Math.Clamp((int)MathF.Round(steps[g] / d), 0, 127) : 0);
            new Span<byte>(destination, 192).Clear();
            for (var e = 0; e < 256; e++)
            {
                var step = d * scales[e / 16];
                var q = (step > 0 ? Math.Clamp((int)MathF.Round(values[e] / step), -32, 31) : 0) + 32;
                int half = e / 128, k = e % 128 / 32, i = e % 32;
                destination[64 * half + 32 * (k & 1) + i] |= (byte)((q & 0x0F) << (4 * (k >> 1)));
                destination[128 + 32 * half + i] |= (byte)((q >> 4) << (2 * k));
            }
        }
    }

    /// <summary>Stores <paramref name="value"/> as F16 and returns what was stored, so codes are computed against the real scale.</summary>
    private static float StoreHalf(byte* destination, float value)
    {
        *(ushort*)destination = HalfConversion.SingleToHalf(value);
        return HalfConversion.HalfToSingle(*(ushort*)destination);
    }

    private static float Max(ReadOnlySpan<float> values)
    {
        var max = 0f;
        foreach (var v in values) max = MathF.Max(max, v);
        return max;
    }

    private static void RequireSuperBlocks(int length)
    {
        if (length % 256 != 0)
            throw new ArgumentException($"K-quant rows need a multiple of 256 elements; got {length}.");
    }
}
