using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Platform.Kernels.Numerics;

/// <summary>IEEE half and bfloat16 bit patterns to float, per lane (.NET exposes no vcvtph2ps intrinsic).</summary>
public static unsafe class HalfConversion
{
    // Native and never freed (it lives as long as the process): a pointer has no bounds check, and kernels can hoist it
    // out of loops that the JIT compiled before this class was initialised (each static access there re-checks that).
    private static readonly float* Table = BuildTable();
    // 2^80 as bits, a constant rather than a static field: loops compiled before this class is initialised would
    // otherwise check for that at every conversion (and spill their accumulators around the check).
    private const uint TwoPow80 = 0x67800000;
    private const float MinNormalHalf = 6.103515625e-05f;

    /// <summary>Exact conversion of one half bit pattern through a 64K-entry table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float HalfToSingle(ushort bits) => Table[bits];

    /// <summary>The 64K-entry table (entry = the half bit pattern's float), for hot loops that take it as a local.</summary>
    internal static float* Halves => Table;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float BFloat16ToSingle(ushort bits) => BitConverter.Int32BitsToSingle(bits << 16);

    public static ushort SingleToHalf(float value) => BitConverter.HalfToUInt16Bits((Half)value);

    /// <summary>Rounds to nearest even, as PyTorch does when it casts to bfloat16.</summary>
    public static ushort SingleToBFloat16(float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        if (float.IsNaN(value)) return (ushort)((bits >> 16) | 0x40);
        return (ushort)((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16);
    }

    /// <summary><see cref="SingleToBFloat16(float)"/> of every lane (in the low 16 bits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> SingleToBFloat16(Vector512<float> value)
    {
        var bits = value.AsUInt32();
        var rounded = (bits + Vector512.Create(0x7FFFu) + ((bits >> 16) & Vector512<uint>.One)) >> 16;
        return Vector512.ConditionalSelect(Vector512.Equals(value, value).AsUInt32(), rounded, (bits >> 16) | Vector512.Create(0x40u));
    }

    /// <inheritdoc cref="SingleToBFloat16(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> SingleToBFloat16(Vector256<float> value)
    {
        var bits = value.AsUInt32();
        var rounded = (bits + Vector256.Create(0x7FFFu) + ((bits >> 16) & Vector256<uint>.One)) >> 16;
        return Vector256.ConditionalSelect(Vector256.Equals(value, value).AsUInt32(), rounded, (bits >> 16) | Vector256.Create(0x40u));
    }

    /// <summary>
    /// 16 halves to 16 floats: move the exponent and mantissa into place with 32 added to the exponent (so no operand is a
    /// float subnormal, which would cost a microcode assist) and rescale by 2^80; an exponent-0 half then reads
    /// 2^-15·(1 + m/1024), and twice that less 2^-14 is its value exactly. Exponent 31 becomes inf/NaN, and one
    /// ternary-logic instruction adds the sign (this runs per weight in F16 prefill).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> HalfToSingle(Vector256<ushort> h)
    {
        var w = Avx512F.ConvertToVector512UInt32(h);
        var bits = (w << 13) & Vector512.Create(0x0FFFE000u);
        var scaled = (bits | Vector512.Create(0x10000000u)).AsSingle() * Vector512.Create(TwoPow80).AsSingle();
        var subnormal = Vector512.LessThan(bits, Vector512.Create(0x00800000u)).AsSingle();
        scaled = Vector512.ConditionalSelect(subnormal, Avx512F.FusedMultiplySubtract(scaled, Vector512.Create(2f), Vector512.Create(MinNormalHalf)), scaled);
        var special = Vector512.GreaterThanOrEqual(bits, Vector512.Create(0x0F800000u));
        var result = Vector512.ConditionalSelect(special.AsSingle(), (bits | Vector512.Create(0x7F800000u)).AsSingle(), scaled);
        // 0xF8: result | (sign & 0x80000000).
        return Avx512F.TernaryLogic(result.AsUInt32(), w << 16, Vector512.Create(0x80000000u), 0xF8).AsSingle();
    }

    /// <summary>
    /// Whether none of the <paramref name="count"/> halves is an infinity or a NaN (exponent field all ones): F16 weights
    /// that pass widen exactly through <see cref="WeightHalf.Widen(Vector256{short})"/>, which has no special case for them.
    /// </summary>
    public static bool AllFinite(ushort* values, long count)
    {
        var exponent = Vector512.Create((ushort)0x7C00);
        long i = 0;
        for (; i + Vector512<ushort>.Count <= count; i += Vector512<ushort>.Count)
            if (Vector512.EqualsAny(Vector512.Load(values + i) & exponent, exponent))
                return false;
        for (; i < count; i++)
            if ((values[i] & 0x7C00) == 0x7C00)
                return false;
        return true;
    }

    /// <summary>8 halves to 8 floats; see the 16-lane overload.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> HalfToSingle(Vector128<ushort> h)
    {
        var w = Avx2.ConvertToVector256Int32(h).AsUInt32();
        var magnitude = w & Vector256.Create(0x7FFFu);
        var scaled = ((magnitude << 13) | Vector256.Create(0x10000000u)).AsSingle() * Vector256.Create(TwoPow80).AsSingle();
        var subnormal = Vector256.LessThan(magnitude, Vector256.Create(0x0400u)).AsSingle();
        scaled = Vector256.ConditionalSelect(subnormal, Fma.MultiplySubtract(scaled, Vector256.Create(2f), Vector256.Create(MinNormalHalf)), scaled);
        var special = Vector256.GreaterThanOrEqual(magnitude, Vector256.Create(0x7C00u));
        var infNan = ((magnitude << 13) | Vector256.Create(0x7F800000u)).AsSingle();
        var result = Vector256.ConditionalSelect(special.AsSingle(), infNan, scaled);
        return (result.AsUInt32() | ((w & Vector256.Create(0x8000u)) << 16)).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> BFloat16ToSingle(Vector256<ushort> h) => (Avx512F.ConvertToVector512UInt32(h) << 16).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> BFloat16ToSingle(Vector128<ushort> h) => (Avx2.ConvertToVector256Int32(h).AsUInt32() << 16).AsSingle();

    private static float* BuildTable()
    {
        var table = (float*)NativeMemory.AlignedAlloc(65536 * sizeof(float), 64);
        for (var i = 0; i < 65536; i++)
            table[i] = (float)BitConverter.UInt16BitsToHalf((ushort)i);
        return table;
    }
}
