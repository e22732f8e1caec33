namespace Platform.Kernels.Numerics;

/// <summary>
/// An 8-bit float layout (sign, exponent, mantissa) as <see cref="Fp8{TF}"/> encodes it: normal values and zero only, so a
/// byte widens to float with a sign-extend, shift and mask, like <see cref="NormalHalf"/>.
/// </summary>
public interface IFp8Format
{
    /// <summary>Mantissa bits.</summary>
    static abstract int MantissaBits { get; }

    /// <summary>Exponent bits.</summary>
    static abstract int ExponentBits { get; }

    /// <summary>The largest finite magnitude's code (sign bit clear).</summary>
    static abstract int MaxCode { get; }

    /// <summary>How far left a sign-extended code moves to sit in float's bit positions: 23 − mantissa bits.</summary>
    static abstract int Shift { get; }

    /// <summary>Float bits to keep after the shift: the sign and the bits below the exponent's top (the sign's copies between go).</summary>
    static abstract int SignAndMagnitudeMask { get; }
}

/// <summary>OCP FP8 E4M3 ("fn": no infinities): 3 mantissa bits, magnitudes 2^-6 to 448.</summary>
public readonly struct E4M3 : IFp8Format
{
    public static int MantissaBits => 3;
    public static int ExponentBits => 4;
    public static int MaxCode => 0x7E;
    public static int Shift => 20;
    public static int SignAndMagnitudeMask => unchecked((int)0x87FFFFFF);
}

/// <summary>OCP FP8 E5M2 (the top byte of an IEEE half): 2 mantissa bits, magnitudes 2^-14 to 57344.</summary>
public readonly struct E5M2 : IFp8Format
{
    public static int MantissaBits => 2;
    public static int ExponentBits => 5;
    public static int MaxCode => 0x7B;
    public static int Shift => 21;
    public static int SignAndMagnitudeMask => unchecked((int)0x8FFFFFFF);
}
