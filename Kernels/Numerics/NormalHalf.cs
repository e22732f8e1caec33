using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Platform.Kernels.Numerics;

/// <summary>
/// IEEE halves restricted to normal values and zero, as the KV cache stores them. Encoding flushes magnitudes below
/// 2^-14 to zero and saturates past 65504, so widening is a sign-extend, shift and mask: the result is the value times
/// 2^-112 (<see cref="WidenScale"/> rebiases the exponent), a normal float or zero, never an infinity to special-case.
/// Kernels fold the 2^112 into their other operand rather than spend a multiply per vector. The widening is exact for
/// subnormal halves too, but they become float subnormals, which cost a microcode assist per operation: F16 weights,
/// which have them, widen through <see cref="WeightHalf"/> instead.
/// </summary>
public static unsafe class NormalHalf
{
    private const float MinNormal = 6.103515625e-05f;
    private const float MaxFinite = 65504f;
    private const int SignAndMagnitude = unchecked((int)0x8FFFFFFF);
    private const uint MinNormalBits = 0x38800000, MaxFiniteBits = 0x477FE000, InfinityBits = 0x7F800000, RebiasBits = 112 << 10;

    /// <summary>2^112 (exactly: bits 0x77800000): a widened half times this is its value.</summary>
    public const float WidenScale = 5.192296858534828e33f;

    /// <summary>2^56, the square root of <see cref="WidenScale"/>: kernels that fold it into two operands take half each.</summary>
    public const float WidenScaleRoot = 72057594037927936f;

    /// <summary>
    /// Nearest half (ties to even) of <paramref name="value"/>, flushed or saturated into the normal range. A NaN stays a
    /// half NaN, which widens to a finite value near ±2^16 (the widening has no NaN case).
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
    /// <see cref="Encode(float)"/> of every lane, with integer arithmetic (the runtime has no vector half conversion):
    /// the clamped magnitude rounds to nearest even at bit 13 and the exponent rebiases by 112; NaNs keep their sign and
    /// top payload bits with the quiet bit set, as the scalar conversion does.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> Encode(Vector512<float> value)
    {
        var bits = value.AsUInt32();
        var sign = (bits >> 16) & Vector512.Create(0x8000u);
        var magnitude = bits & Vector512.Create(0x7FFFFFFFu);
        var clamped = Vector512.Min(magnitude, Vector512.Create(MaxFiniteBits));
        var half = ((clamped + Vector512.Create(0xFFFu) + ((clamped >> 13) & Vector512<uint>.One)) >> 13) - Vector512.Create(RebiasBits);
        var nan = Vector512.Create(0x7E00u) | ((magnitude >> 13) & Vector512.Create(0x3FFu));
        half = Vector512.ConditionalSelect(Vector512.GreaterThan(magnitude, Vector512.Create(InfinityBits)), nan, half) | sign;
        return Vector512.AndNot(half, Vector512.LessThan(magnitude, Vector512.Create(MinNormalBits)));
    }

    /// <inheritdoc cref="Encode(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> Encode(Vector256<float> value)
    {
        var bits = value.AsUInt32();
        var sign = (bits >> 16) & Vector256.Create(0x8000u);
        var magnitude = bits & Vector256.Create(0x7FFFFFFFu);
        var clamped = Vector256.Min(magnitude, Vector256.Create(MaxFiniteBits));
        var half = ((clamped + Vector256.Create(0xFFFu) + ((clamped >> 13) & Vector256<uint>.One)) >> 13) - Vector256.Create(RebiasBits);
        var nan = Vector256.Create(0x7E00u) | ((magnitude >> 13) & Vector256.Create(0x3FFu));
        half = Vector256.ConditionalSelect(Vector256.GreaterThan(magnitude, Vector256.Create(InfinityBits)), nan, half) | sign;
        return Vector256.AndNot(half, Vector256.LessThan(magnitude, Vector256.Create(MinNormalBits)));
    }

    /// <summary>The value of one encoded half.</summary>
    public static float Decode(ushort bits) => Widen(bits) * WidenScale;

    /// <summary>
    /// One encoded half times 2^-112. The sign-extended pattern shifted by 13 puts the exponent and mantissa where float's
    /// low exponent bits and mantissa are and copies of the sign above them; the mask keeps bit 31 only.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Widen(ushort bits) => BitConverter.Int32BitsToSingle(((short)bits << 13) & SignAndMagnitude);

    /// <summary>16 encoded halves times 2^-112.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Widen(Vector256<short> bits) =>
        ((Avx512F.ConvertToVector512Int32(bits) << 13) & Vector512.Create(SignAndMagnitude)).AsSingle();

    /// <summary>8 encoded halves times 2^-112.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Widen(Vector128<short> bits) =>
        ((Avx2.ConvertToVector256Int32(bits) << 13) & Vector256.Create(SignAndMagnitude)).AsSingle();
}
