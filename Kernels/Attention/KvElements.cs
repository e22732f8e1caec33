using System.Runtime.CompilerServices;
using Platform.Kernels.Numerics;

namespace Platform.Kernels.Attention;

/// <summary>
/// A compile-time KV element type: how element i of a cache row is read (widened to float lanes) and written, so one
/// attention body serves every <see cref="KvCacheDtype"/> and converts in registers rather than through a float scratch.
/// Reads return the stored values divided by <see cref="Scale"/>, a power of two the kernel folds into the queries and
/// probabilities (exactly), so a widening needs no multiply per vector.
/// </summary>
internal unsafe interface IKvElements
{
    static abstract KvCacheDtype Dtype { get; }

    /// <summary>A read value times this is the stored value.</summary>
    static abstract float Scale { get; }

    /// <summary>TL.Count consecutive elements from element <paramref name="i"/>, as floats.</summary>
    static abstract TV Load<TL, TV>(void* row, nint i) where TL : struct, IFloatLanes<TV> where TV : struct;

    static abstract float Get(void* row, nint i);

    /// <summary>Stores TL.Count floats as elements from element <paramref name="i"/>.</summary>
    static abstract void Store<TL, TV>(void* row, nint i, TV value) where TL : struct, IFloatLanes<TV> where TV : struct;

    static abstract void Set(void* row, nint i, float value);
}

/// <summary>Float elements: the loads the kernel had before there were other types.</summary>
internal unsafe struct F32Elements : IKvElements
{
    public static KvCacheDtype Dtype => KvCacheDtype.F32;
    public static float Scale => 1f;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Load<TL, TV>(void* row, nint i) where TL : struct, IFloatLanes<TV> where TV : struct => TL.Load((float*)row + i);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store<TL, TV>(void* row, nint i, TV value) where TL : struct, IFloatLanes<TV> where TV : struct => TL.Store((float*)row + i, value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Get(void* row, nint i) => ((float*)row)[i];
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Set(void* row, nint i, float value) => ((float*)row)[i] = value;
}

/// <summary>Half elements in <see cref="NormalHalf"/>'s encoding, read widened (times 2^-112).</summary>
internal unsafe struct F16Elements : IKvElements
{
    public static KvCacheDtype Dtype => KvCacheDtype.F16;
    public static float Scale => NormalHalf.WidenScale;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Load<TL, TV>(void* row, nint i) where TL : struct, IFloatLanes<TV> where TV : struct => TL.LoadNormalHalf((ushort*)row + i);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store<TL, TV>(void* row, nint i, TV value) where TL : struct, IFloatLanes<TV> where TV : struct => TL.StoreNormalHalf((ushort*)row + i, value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Get(void* row, nint i) => NormalHalf.Widen(((ushort*)row)[i]);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Set(void* row, nint i, float value) => ((ushort*)row)[i] = NormalHalf.Encode(value);
}

/// <summary>bfloat16 elements, rounded to nearest even on write.</summary>
internal unsafe struct BF16Elements : IKvElements
{
    public static KvCacheDtype Dtype => KvCacheDtype.BF16;
    public static float Scale => 1f;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TV Load<TL, TV>(void* row, nint i) where TL : struct, IFloatLanes<TV> where TV : struct => TL.LoadBFloat16((ushort*)row + i);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store<TL, TV>(void* row, nint i, TV value) where TL : struct, IFloatLanes<TV> where TV : struct => TL.StoreBFloat16((ushort*)row + i, value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Get(void* row, nint i) => HalfConversion.BFloat16ToSingle(((ushort*)row)[i]);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Set(void* row, nint i, float value) => ((ushort*)row)[i] = HalfConversion.SingleToBFloat16(value);
}
