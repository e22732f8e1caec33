using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Platform.Kernels.Numerics;

/// <summary>
/// F16 weights widened in registers to their value times 2^-80, for every finite half, subnormal halves included, and
/// never to a float subnormal: a subnormal operand sends a multiply-add through a microcode assist (.NET cannot set the
/// CPU's denormals-are-zero mode), and weights drawn around 0.02 are subnormal halves about once in 400, which halved F16
/// decode. Setting exponent bit 5 adds 32 to every half's exponent; an exponent-0 half then reads 2^-95·(1 + m/1024)
/// with its sign, and twice that less ±2^-94 is its value, m·2^-104, exactly.
/// </summary>
public static class WeightHalf
{
    /// <summary>2^40, the square root of the factor a widened weight is short of its value: kernels fold it into the activations and the sums.</summary>
    public const float WidenScaleRoot = 1099511627776f;

    private const int SignAndMagnitude = unchecked((int)0x8FFFFFFF);
    private const int ExponentBit5 = 0x10000000;
    private const int ExponentBits = 0x0F800000;
    private const int SignBit = unchecked((int)0x80000000);
    private const int TwoPowMinus94 = (127 - 94) << 23;

    /// <summary>16 halves times 2^-80.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Widen(Vector256<short> bits)
    {
        var shifted = Avx512F.ConvertToVector512Int32(bits) << 13;
        var biased = (shifted & Vector512.Create(SignAndMagnitude)) | Vector512.Create(ExponentBit5);
        var subnormal = Vector512.Equals(shifted & Vector512.Create(ExponentBits), Vector512<int>.Zero).AsSingle();
        var offset = ((biased & Vector512.Create(SignBit)) | Vector512.Create(TwoPowMinus94)).AsSingle();
        var exact = Avx512F.FusedMultiplySubtract(biased.AsSingle(), Vector512.Create(2f), offset);
        return Vector512.ConditionalSelect(subnormal, exact, biased.AsSingle());
    }

    /// <summary>8 halves times 2^-80.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Widen(Vector128<short> bits)
    {
        var shifted = Avx2.ConvertToVector256Int32(bits) << 13;
        var biased = (shifted & Vector256.Create(SignAndMagnitude)) | Vector256.Create(ExponentBit5);
        var subnormal = Vector256.Equals(shifted & Vector256.Create(ExponentBits), Vector256<int>.Zero).AsSingle();
        var offset = ((biased & Vector256.Create(SignBit)) | Vector256.Create(TwoPowMinus94)).AsSingle();
        var exact = Fma.MultiplySubtract(biased.AsSingle(), Vector256.Create(2f), offset);
        return Vector256.ConditionalSelect(subnormal, exact, biased.AsSingle());
    }
}
