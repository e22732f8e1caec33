using System.Runtime.CompilerServices;
using Platform.Kernels.Numerics;

namespace Platform.Kernels.Attention;

/// <summary>
/// A compile-time KV element type: how element i of a cache row is read (widened to float lanes) and written, so one
/// attention body serves every <see cref="KvCacheDtype"/> and converts in registers rather than through a float scratch.
/// Reads return the stored values divided by <see cref="Scale"/>, a power of two the kernel folds into the queries, the
/// scores and the probabilities (exactly), so a widening needs no multiply per vector.
/// </summary>
internal unsafe interface IKvElements
{
    /// <summary>Bytes of one element.</summary>
    static abstract int Bytes { get; }

    /// <summary>A read value times this is the stored value.</summary>
    static abstract float Scale { get; }

    /// <summary>
    /// The part of <see cref="Scale"/> the queries take before they meet the keys; the scores take the rest. All of it
    /// unless queries times Scale could overflow (2^120 would at |q| ≥ 256).
    /// </summary>
    static abstract float QueryScale { get; }

    /// <summary>TL.Count consecutive elements from element <paramref name="i"/>, as floats.</summary>
    static abstract TV Load<TL, TV>(void* row, nint i) where TL : struct, IFloatLanes<TV> where TV : struct;

    static abstract float Get(void* row, nint i);

    static abstract void Set(void* row, nint i, float value);
}

/// <summary>Float elements: the loads the kernel had before there were other types.</summary>
internal unsafe struct F32Elements : IKvElements
{
    public static int Bytes => sizeof(float);
    public static float Scale => 1f;
    public static float QueryScale => 1f;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Load<TL, TV>(void* row, nint i) where TL : struct, IFloatLanes<TV> where TV : struct => TL.Load((float*)row + i);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Get(void* row, nint i) => ((float*)row)[i];
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Set(void* row, nint i, float value) => ((float*)row)[i] = value;
}

/// <summary>Half elements in <see cref="NormalHalf"/>'s encoding, read widened (times 2^-112).</summary>
internal unsafe struct F16Elements : IKvElements
{
    public static int Bytes => sizeof(ushort);
    public static float Scale => NormalHalf.WidenScale;
    public static float QueryScale => NormalHalf.WidenScale;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Load<TL, TV>(void* row, nint i) where TL : struct, IFloatLanes<TV> where TV : struct => TL.LoadNormalHalf((ushort*)row + i);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Get(void* row, nint i) => NormalHalf.Widen(((ushort*)row)[i]);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Set(void* row, nint i, float value) => ((ushort*)row)[i] = NormalHalf.Encode(value);
}

/// <summary>bfloat16 elements, rounded to nearest even on write.</summary>
internal unsafe struct BF16Elements : IKvElements
{
    public static int Bytes => sizeof(ushort);
    public static float Scale => 1f;
    public static float QueryScale => 1f;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Load<TL, TV>(void* row, nint i) where TL : struct, IFloatLanes<TV> where TV : struct => TL.LoadBFloat16((ushort*)row + i);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Get(void* row, nint i) => HalfConversion.BFloat16ToSingle(((ushort*)row)[i]);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Set(void* row, nint i, float value) => ((ushort*)row)[i] = HalfConversion.SingleToBFloat16(value);
}

/// <summary>8-bit float elements in <see cref="Fp8{TF}"/>'s encoding, read widened (times 2^-(127 − bias)).</summary>
internal unsafe struct Fp8Elements<TF> : IKvElements where TF : struct, IFp8Format
{
    public static int Bytes => sizeof(byte);
    public static float Scale => Fp8<TF>.WidenScale;
    // 2^64 keeps queries far from overflow while the scores' share (2^56 for E4M3, 2^48 for E5M2) keeps every
    // product of a query and a widened key normal.
    public static float QueryScale => 1.8446744e19f;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Load<TL, TV>(void* row, nint i) where TL : struct, IFloatLanes<TV> where TV : struct =>
        TL.LoadShiftedBytes((sbyte*)row + i, TF.Shift, TF.SignAndMagnitudeMask);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Get(void* row, nint i) => Fp8<TF>.Widen(((byte*)row)[i]);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Set(void* row, nint i, float value) => ((byte*)row)[i] = Fp8<TF>.Encode(value);
}
