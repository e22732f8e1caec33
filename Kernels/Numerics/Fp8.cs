using System.Runtime.CompilerServices;

namespace Platform.Kernels.Numerics;

/// <summary>
/// 8-bit floats of <typeparamref name="TF"/>'s layout, restricted to normal values and zero as the KV cache stores them:
/// encoding rounds to nearest even, flushes magnitudes below the smallest normal to zero and saturates the rest (NaN too)
/// at the largest finite value. Widening shifts the sign-extended byte so its exponent and mantissa land in float's low
/// exponent bits and top mantissa bits: the result is the value times 2^-(127 − bias) (<see cref="WidenScale"/> undoes
/// it), never a subnormal or infinity to special-case.
/// </summary>
public static class Fp8<TF> where TF : struct, IFp8Format
{
    // No static fields: a class without a static constructor lets the JIT fold these into fully optimised kernels.
    private static int Bias
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] get => (1 << (TF.ExponentBits - 1)) - 1;
    }


    /// <summary>2^(127 − bias): a widened byte times this is its value.</summary>
    public static float WidenScale
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)] get => BitConverter.Int32BitsToSingle((127 + 127 - Bias) << 23);
    }

    /// <summary>The smallest normal magnitude, 2^(1 − bias).</summary>
    public static float MinNormal => BitConverter.Int32BitsToSingle((128 - Bias) << 23);

    /// <summary>The largest finite magnitude.</summary>
    public static float MaxFinite => Decode((byte)TF.MaxCode);

    /// <summary>The nearest value of the format (ties to even), flushed below <see cref="MinNormal"/>, saturated past <see cref="MaxFinite"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Encode(float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        var sign = (int)(bits >> 24) & 0x80;
        var magnitude = bits & 0x7FFFFFFF;
        if (magnitude > 0x7F800000) return (byte)(sign | TF.MaxCode);
        if (BitConverter.UInt32BitsToSingle(magnitude) < MinNormal) return 0;
        var shift = TF.Shift;
        var rounded = (int)((magnitude + (1u << (shift - 1)) - 1 + ((magnitude >> shift) & 1)) >> shift);
        var code = Math.Min(rounded - ((127 - Bias) << TF.MantissaBits), TF.MaxCode);
        return (byte)(sign | code);
    }

    /// <summary>The value of one encoded byte.</summary>
    public static float Decode(byte code) => Widen(code) * WidenScale;

    /// <summary>One encoded byte times 2^-(127 − bias).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Widen(byte code) => BitConverter.Int32BitsToSingle(((sbyte)code << TF.Shift) & TF.SignAndMagnitudeMask);
}
