using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Platform.Kernels.Numerics;

namespace Platform.Kernels.Tests.Numerics;

public class NormalHalfTests
{
    /// <summary>Every bit pattern the encoder can produce: zero, ±0 and the normal halves (exponent 1 to 30).</summary>
    private static ushort[] Encodable() =>
        Enumerable.Range(0, 65536).Select(i => (ushort)i).Where(b => (b & 0x7FFF) == 0 || ((b >> 10) & 0x1F) is > 0 and < 31).ToArray();

    [Fact]
    public void TheWideningScaleIsExactly2To112()
    {
        Assert.Equal(0x77800000, BitConverter.SingleToInt32Bits(NormalHalf.WidenScale));
    }

    [Fact]
    public void WideningTimesTheScaleIsExactForZeroAndEveryNormalHalf_InScalarAndVectorForms()
    {
        var bits = Encodable();
        var expected = bits.Select(b => (float)BitConverter.UInt16BitsToHalf(b)).ToArray();
        for (var i = 0; i < bits.Length; i++)
            Assert.True(expected[i].Equals(NormalHalf.Decode(bits[i])), $"bits {bits[i]:X4}");
        var shorts = bits.Select(b => (short)b).ToArray();
        var actual = new float[16];
        for (var i = 0; i + 16 <= bits.Length; i += 16)
        {
            if (Avx512F.IsSupported)
            {
                (NormalHalf.Widen(Vector256.Create(shorts.AsSpan(i, 16))) * NormalHalf.WidenScale).CopyTo(actual);
                Assert.Equal(expected[i..(i + 16)], actual);
            }
            if (Avx2.IsSupported)
            {
                (NormalHalf.Widen(Vector128.Create(shorts.AsSpan(i, 8))) * NormalHalf.WidenScale).CopyTo(actual);
                Assert.Equal(expected[i..(i + 8)], actual[..8]);
            }
        }
    }

    [Fact]
    public void WideningTimes2ToThe112IsExactForEveryFiniteHalfBitPattern_SubnormalsIncluded()
    {
        var finite = Enumerable.Range(0, 65536).Where(b => (b & 0x7C00) != 0x7C00).Select(b => (short)b).ToArray();
        var actual = new float[16];
        for (var i = 0; i + 16 <= finite.Length; i += 16)
        {
            var expected = finite[i..(i + 16)].Select(b => (float)BitConverter.UInt16BitsToHalf((ushort)b)).ToArray();
            // The results are the halves times 2^-112, subnormal halves as float subnormals; 2^112 brings them back exactly.
            float[] Unscaled() => actual.Select(v => v * MathF.ScaleB(1f, 112)).ToArray();
            if (Avx512F.IsSupported)
            {
                NormalHalf.Widen(Vector256.Create(finite.AsSpan(i, 16))).CopyTo(actual);
                Assert.Equal(expected, Unscaled());
            }
            if (Avx2.IsSupported)
            {
                NormalHalf.Widen(Vector128.Create(finite.AsSpan(i, 8))).CopyTo(actual);
                Assert.Equal(expected[..8], Unscaled()[..8]);
            }
        }
    }

    [Theory]
    [InlineData(1.0f, 1.0f)]
    [InlineData(-2.5f, -2.5f)]
    [InlineData(1e-5f, 0f)]
    [InlineData(-6e-5f, 0f)]
    [InlineData(7e4f, 65504f)]
    [InlineData(float.NegativeInfinity, -65504f)]
    public void EncodeRoundsNormalsAndFlushesSubnormalsAndSaturatesOverflow(float value, float expected)
    {
        Assert.Equal(expected, NormalHalf.Decode(NormalHalf.Encode(value)));
    }

    [Fact]
    public void EncodeRoundsToTheNearestHalf()
    {
        var random = new Random(5);
        for (var i = 0; i < 10_000; i++)
        {
            var value = (float)(random.NextDouble() * 200 - 100);
            Assert.Equal((float)(Half)value, NormalHalf.Decode(NormalHalf.Encode(value)));
        }
    }

    [Fact]
    public void VectorEncodeEqualsScalarEncodeBitForBit()
    {
        var values = EncodeCases.Floats();
        var expected = values.Select(v => (uint)NormalHalf.Encode(v)).ToArray();
        for (var i = 0; i < values.Length; i += 16)
        {
            if (Avx512F.IsSupported) Assert.Equal(expected[i..(i + 16)], Lanes(NormalHalf.Encode(Vector512.Create(values.AsSpan(i, 16)))));
            if (Avx2.IsSupported) Assert.Equal(expected[i..(i + 8)], Lanes(NormalHalf.Encode(Vector256.Create(values.AsSpan(i, 8)))));
        }
    }

    private static uint[] Lanes(Vector512<uint> v) { var a = new uint[16]; v.CopyTo(a); return a; }

    private static uint[] Lanes(Vector256<uint> v) { var a = new uint[8]; v.CopyTo(a); return a; }
}
