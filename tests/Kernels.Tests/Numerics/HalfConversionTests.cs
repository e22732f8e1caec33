using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Platform.Kernels.Numerics;

namespace Platform.Kernels.Tests.Numerics;

public class HalfConversionTests
{
    [Fact]
    public void TableConversionIsExactForEveryHalfBitPattern()
    {
        for (var bits = 0; bits < 65536; bits++)
        {
            var expected = (float)BitConverter.UInt16BitsToHalf((ushort)bits);
            var actual = HalfConversion.HalfToSingle((ushort)bits);
            Assert.True(float.IsNaN(expected) ? float.IsNaN(actual) : expected.Equals(actual), $"bits {bits:X4}");
        }
    }

    [Fact]
    public void VectorConversionsAgreeWithScalarForEveryHalfBitPatternIncludingSubnormalsAndInfinities()
    {
        var expected = new float[65536];
        for (var bits = 0; bits < 65536; bits++) expected[bits] = (float)BitConverter.UInt16BitsToHalf((ushort)bits);
        var source = Enumerable.Range(0, 65536).Select(i => (ushort)i).ToArray();
        var actual = new float[65536];
        for (var i = 0; i < 65536; i += 16)
        {
            if (Avx512F.IsSupported)
            {
                HalfConversion.HalfToSingle(Vector256.Create(source.AsSpan(i, 16))).CopyTo(actual.AsSpan(i, 16));
                AssertSame(expected, actual, i, 16);
            }
            if (Avx2.IsSupported)
            {
                HalfConversion.HalfToSingle(Vector128.Create(source.AsSpan(i, 8))).CopyTo(actual.AsSpan(i, 8));
                AssertSame(expected, actual, i, 8);
            }
        }
    }

    [Theory]
    [InlineData(0x7C00)]
    [InlineData(0xFC00)]
    [InlineData(0x7E01)]
    public unsafe void AllFiniteFindsAnInfinityOrNaNInTheVectorPartOrTheTail(int bad)
    {
        foreach (var length in new[] { 5, 100 })
            for (var at = 0; at < length; at += 7)
            {
                var values = Enumerable.Range(0, length).Select(i => (ushort)(i * 37 % 0x7BFF)).ToArray();
                fixed (ushort* p = values) Assert.True(HalfConversion.AllFinite(p, length));
                values[at] = (ushort)bad;
                fixed (ushort* p = values) Assert.False(HalfConversion.AllFinite(p, length), $"length {length}, at {at}");
            }
    }

    [Fact]
    public void BFloat16RoundsToNearestEvenAndWidensExactly()
    {
        Assert.Equal(1.0f, HalfConversion.BFloat16ToSingle(HalfConversion.SingleToBFloat16(1.0f)));
        // 1 + 2^-8 lies exactly between two bfloat16 values; ties go to the even mantissa (1.0).
        Assert.Equal(1.0f, HalfConversion.BFloat16ToSingle(HalfConversion.SingleToBFloat16(1f + 1f / 256)));
        Assert.Equal(1f + 1f / 64, HalfConversion.BFloat16ToSingle(HalfConversion.SingleToBFloat16(1f + 3f / 256)));
        Assert.Equal(-2.5f, HalfConversion.BFloat16ToSingle(HalfConversion.SingleToBFloat16(-2.5f)));
    }

    private static void AssertSame(float[] expected, float[] actual, int start, int count)
    {
        for (var i = start; i < start + count; i++)
            Assert.True(float.IsNaN(expected[i]) ? float.IsNaN(actual[i]) : expected[i].Equals(actual[i]), $"bits {i:X4}: {expected[i]} vs {actual[i]}");
    }

    [Fact]
    public void VectorBFloat16RoundingEqualsScalarBitForBit()
    {
        var values = EncodeCases.Floats();
        var expected = values.Select(v => (uint)HalfConversion.SingleToBFloat16(v)).ToArray();
        for (var i = 0; i < values.Length; i += 16)
        {
            Assert.Equal(expected[i..(i + 16)], Lanes(HalfConversion.SingleToBFloat16(Vector512.Create(values.AsSpan(i, 16)))));
            Assert.Equal(expected[i..(i + 8)], Lanes(HalfConversion.SingleToBFloat16(Vector256.Create(values.AsSpan(i, 8)))));
        }
    }

    private static uint[] Lanes(Vector512<uint> v) { var a = new uint[16]; v.CopyTo(a); return a; }

    private static uint[] Lanes(Vector256<uint> v) { var a = new uint[8]; v.CopyTo(a); return a; }
}
