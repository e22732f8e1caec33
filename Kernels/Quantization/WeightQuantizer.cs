using Platform.Kernels.Numerics;

namespace Platform.Kernels.Quantization;

/// <summary>Float rows to ggml's Q8_0 and Q4_0 block layouts (for random-weight models and tests).</summary>
public static unsafe class WeightQuantizer
{
    /// <summary>Writes <paramref name="source"/>.Length/32 Q8_0 blocks (34 bytes each) to <paramref name="destination"/>.</summary>
    public static void QuantizeQ8_0(ReadOnlySpan<float> source, byte* destination)
    {
        RequireBlocks(source.Length);
        for (var b = 0; b < source.Length / 32; b++, destination += 34)
        {
            var block = source.Slice(b * 32, 32);
            var max = 0f;
            foreach (var v in block) max = MathF.Max(max, MathF.Abs(v));
            var scale = max / 127f;
            var inverse = scale != 0 ? 1f / scale : 0f;
            *(ushort*)destination = HalfConversion.SingleToHalf(scale);
            var q = (sbyte*)(destination + 2);
            for (var i = 0; i < 32; i++) q[i] = (sbyte)Math.Clamp((int)MathF.Round(block[i] * inverse), -127, 127);
        }
    }

    /// <summary>Writes Q4_0 blocks (18 bytes each): the element of largest magnitude maps to -8, so the scale keeps its sign.</summary>
    public static void QuantizeQ4_0(ReadOnlySpan<float> source, byte* destination)
    {
        RequireBlocks(source.Length);
        for (var b = 0; b < source.Length / 32; b++, destination += 18)
        {
            var block = source.Slice(b * 32, 32);
            var extreme = 0f;
            foreach (var v in block)
                if (MathF.Abs(v) > MathF.Abs(extreme)) extreme = v;
            var scale = extreme / -8f;
            var inverse = scale != 0 ? 1f / scale : 0f;
            *(ushort*)destination = HalfConversion.SingleToHalf(scale);
            var q = destination + 2;
            for (var i = 0; i < 16; i++)
            {
                var lo = Math.Clamp((int)MathF.Floor(block[i] * inverse + 8.5f), 0, 15);
                var hi = Math.Clamp((int)MathF.Floor(block[i + 16] * inverse + 8.5f), 0, 15);
                q[i] = (byte)(lo | (hi << 4));
            }
        }
    }

    private static void RequireBlocks(int length)
    {
        if (length % 32 != 0)
            throw new ArgumentException($"quantised rows need a multiple of 32 elements; got {length}.");
    }
}
