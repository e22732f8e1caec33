using System.Runtime.Intrinsics;
using Platform.Kernels.Numerics;

namespace Platform.Kernels.Tests.Numerics;

/// <summary>The KV cache's 8-bit floats: every code's value, the widening in every lane width, and rounding on encode.</summary>
public unsafe class Fp8Tests
{
    /// <summary>A code's value from the format's definition: sign · 2^(e − bias) · (1 + m / 2^M), zero for e = 0.</summary>
    private static double Reference(byte code, int exponentBits, int mantissaBits)
    {
        var bias = (1 << (exponentBits - 1)) - 1;
        var e = (code >> mantissaBits) & ((1 << exponentBits) - 1);
        var m = code & ((1 << mantissaBits) - 1);
        var sign = (code & 0x80) != 0 ? -1.0 : 1.0;
        return e == 0 ? sign * 0.0 : sign * Math.Pow(2, e - bias) * (1 + m / (double)(1 << mantissaBits));
    }

    /// <summary>Zero, −0 and every normal code up to the largest finite one, of both signs.</summary>
    private static byte[] Encodable<TF>() where TF : struct, IFp8Format =>
        Enumerable.Range(0, 256).Select(i => (byte)i)
            .Where(b => (b & 0x7F) == 0 || ((b & 0x7F) >= 1 << TF.MantissaBits && (b & 0x7F) <= TF.MaxCode)).ToArray();

    [Fact]
    public void TheShiftsAndMasksFollowFromTheLayouts()
    {
        Assert.Equal(23 - E4M3.MantissaBits, E4M3.Shift);
        Assert.Equal(23 - E5M2.MantissaBits, E5M2.Shift);
        Assert.Equal(unchecked((int)0x80000000) | ((1 << (23 + E4M3.ExponentBits)) - 1), E4M3.SignAndMagnitudeMask);
        Assert.Equal(unchecked((int)0x80000000) | ((1 << (23 + E5M2.ExponentBits)) - 1), E5M2.SignAndMagnitudeMask);
    }

    [Fact]
    public void TheWideningScalesAre2To120ForE4M3And2To112ForE5M2()
    {
        Assert.Equal(Math.Pow(2, 120), Fp8<E4M3>.WidenScale);
        Assert.Equal(Math.Pow(2, 112), Fp8<E5M2>.WidenScale);
        Assert.Equal(448f, Fp8<E4M3>.MaxFinite);
        Assert.Equal(57344f, Fp8<E5M2>.MaxFinite);
        Assert.Equal(Math.Pow(2, -6), Fp8<E4M3>.MinNormal);
        Assert.Equal(Math.Pow(2, -14), Fp8<E5M2>.MinNormal);
    }

    [Fact]
    public void EveryCodeDecodesToItsValueAndEncodesBackToItself_E4M3() => DecodesAndRoundTrips<E4M3>();

    [Fact]
    public void EveryCodeDecodesToItsValueAndEncodesBackToItself_E5M2() => DecodesAndRoundTrips<E5M2>();

    private static void DecodesAndRoundTrips<TF>() where TF : struct, IFp8Format
    {
        foreach (var code in Encodable<TF>())
        {
            var expected = Reference(code, TF.ExponentBits, TF.MantissaBits);
            Assert.True(expected.Equals((double)Fp8<TF>.Decode(code)), $"code {code:X2}: {Fp8<TF>.Decode(code)} is not {expected}");
            if ((code & 0x7F) != 0) Assert.Equal(code, Fp8<TF>.Encode(Fp8<TF>.Decode(code)));
        }
    }

    [Fact]
    public void EveryLaneWidthWidensLikeTheScalarForm()
    {
        Widens<E4M3>();
        Widens<E5M2>();
    }

    private static void Widens<TF>() where TF : struct, IFp8Format
    {
        var codes = Encodable<TF>().Select(b => (sbyte)b).ToArray();
        var padded = codes.Concat(new sbyte[16]).ToArray();
        var shift = TF.Shift;
        var mask = TF.SignAndMagnitudeMask;
        var actual = new float[16];
        fixed (sbyte* p = padded)
            for (var i = 0; i < codes.Length; i += 16)
            {
                var expected = padded[i..(i + 16)].Select(b => Fp8<TF>.Widen((byte)b)).ToArray();
                for (var j = 0; j < 16; j++) Assert.Equal(expected[j], LanesScalar.LoadShiftedBytes(p + i + j, shift, mask));
                if (Simd.Best >= SimdLevel.Vector512)
                {
                    Lanes512.LoadShiftedBytes(p + i, shift, mask).CopyTo(actual);
                    Assert.Equal(expected, actual);
                }
                if (Simd.Best >= SimdLevel.Vector256)
                {
                    Lanes256.LoadShiftedBytes(p + i, shift, mask).CopyTo(actual);
                    Assert.Equal(expected[..8], actual[..8]);
                }
            }
    }

    [Theory]
    [InlineData(1.0f, 1.0f)]
    [InlineData(-2.5f, -2.5f)]
    [InlineData(0.3f, 0.3125f)]
    [InlineData(0.01f, 0f)]
    [InlineData(-0.015f, 0f)]
    [InlineData(460f, 448f)]
    [InlineData(float.NegativeInfinity, -448f)]
    public void E4M3RoundsNormalsFlushesBelow2ToMinus6AndSaturatesAt448(float value, float expected) =>
        Assert.Equal(expected, Fp8<E4M3>.Decode(Fp8<E4M3>.Encode(value)));

    [Theory]
    [InlineData(1.0f, 1.0f)]
    [InlineData(-2.5f, -2.5f)]
    [InlineData(0.3f, 0.3125f)]
    [InlineData(5e-5f, 0f)]
    [InlineData(6e4f, 57344f)]
    [InlineData(float.PositiveInfinity, 57344f)]
    public void E5M2RoundsNormalsFlushesBelow2ToMinus14AndSaturatesAt57344(float value, float expected) =>
        Assert.Equal(expected, Fp8<E5M2>.Decode(Fp8<E5M2>.Encode(value)));

    [Fact]
    public void NaNSaturatesToTheLargestMagnitude()
    {
        Assert.Equal(448f, Math.Abs(Fp8<E4M3>.Decode(Fp8<E4M3>.Encode(float.NaN))));
        Assert.Equal(57344f, Math.Abs(Fp8<E5M2>.Decode(Fp8<E5M2>.Encode(float.NaN))));
    }

    [Fact]
    public void EncodeGivesTheNearestCodeWithTiesToEven()
    {
        NearestWithTiesToEven<E4M3>();
        NearestWithTiesToEven<E5M2>();
    }

    private static void NearestWithTiesToEven<TF>() where TF : struct, IFp8Format
    {
        var values = Encodable<TF>().Where(b => b is > 0 and < 0x80).Select(b => (double)Fp8<TF>.Decode(b)).Order().ToArray();
        var random = new Random(3);
        for (var i = 0; i < 20_000; i++)
        {
            // Points between neighbours, and the exact midpoints (ties) of every pair.
            var k = random.Next(values.Length - 1);
            var t = i % 4 == 0 ? 0.5 : random.NextDouble();
            var x = (float)(values[k] + t * (values[k + 1] - values[k]));
            var got = Fp8<TF>.Decode(Fp8<TF>.Encode(x));
            var below = Math.Abs(x - values[k]);
            var above = Math.Abs(values[k + 1] - x);
            double expected = below < above ? values[k] : above < below ? values[k + 1]
                : (Fp8<TF>.Encode((float)values[k]) & 1) == 0 ? values[k] : values[k + 1];
            Assert.True(expected == got, $"{x} became {got}, nearest (ties to even) is {expected}");
        }
    }
}
