using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Platform.Kernels.Numerics;

/// <summary>
/// IEEE halves restricted to normal values and zero, as the KV cache stores them. Encoding flushes magnitudes below
/// 2^-14 to zero and saturates past 65504, so decoding is a sign-extend, shift, mask and one multiply by 2^112 (the
/// exponent rebias): no subnormal ever reaches the multiply (an x86 microcode assist) and no infinity needs a select.
/// </summary>
public static unsafe class NormalHalf
{
    private const float MinNormal = 6.103515625e-05f;
    private const float MaxFinite = 65504f;
    private const int SignAndMagnitude = unchecked((int)0x8FFFFFFF);
    private static readonly float Rebias = BitConverter.Int32BitsToSingle(0x77800000);

    /// <summary>
    /// Nearest half (ties to even) of <paramref name="value"/>, flushed or saturated into the normal range. A NaN stays a
    /// half NaN, which <see cref="Decode(ushort)"/> reads as a finite value near ±2^16 (it has no NaN case).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort Encode(float value)
    {
        var magnitude = MathF.Abs(value);
        if (magnitude < MinNormal) return 0;
        if (magnitude > MaxFinite) value = MathF.CopySign(MaxFinite, value);
        return BitConverter.HalfToUInt16Bits((Half)value);
    }

    /// <summary>
    /// One encoded half to float. The sign-extended pattern shifted by 13 puts the exponent and mantissa where float's
    /// low exponent bits and mantissa are and copies of the sign above them; the mask keeps bit 31 only.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Decode(ushort bits) => BitConverter.Int32BitsToSingle(((short)bits << 13) & SignAndMagnitude) * Rebias;

    /// <summary>16 encoded halves to floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Decode(Vector256<short> bits) =>
        ((Avx512F.ConvertToVector512Int32(bits) << 13) & Vector512.Create(SignAndMagnitude)).AsSingle() * Vector512.Create(Rebias);

    /// <summary>8 encoded halves to floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Decode(Vector128<short> bits) =>
        ((Avx2.ConvertToVector256Int32(bits) << 13) & Vector256.Create(SignAndMagnitude)).AsSingle() * Vector256.Create(Rebias);
}
