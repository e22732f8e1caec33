using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Platform.Kernels.Numerics;

namespace Platform.Kernels.MatMul;

/// <summary>Loads a vector of float weights from a row stored as F32, F16 or BF16, converting on the fly.</summary>
internal unsafe interface IWeightLanes<TVec> where TVec : struct
{
    static abstract TVec Load(byte* row, int index);
    static abstract float Scalar(byte* row, int index);

    /// <summary>
    /// <see cref="Load"/> gives the weights divided by this squared (1 for exact loads): the kernel multiplies the
    /// activations and the vector sums by it, so every product is exact and, for F16's 2^40, only a sum below 2^-86
    /// or an activation above 2^88 would differ.
    /// </summary>
    static virtual float HalfShortfall => 1f;

    /// <summary>Bytes per stored weight.</summary>
    static abstract int ElementBytes { get; }
}

internal unsafe struct F32x512 : IWeightLanes<Vector512<float>>
{
    public static int ElementBytes => 4;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Load(byte* row, int index) => Vector512.Load((float*)row + index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Scalar(byte* row, int index) => ((float*)row)[index];
}

/// <summary>F16 rows, finite as the loader checked them, so <see cref="WeightHalf.Widen(Vector256{short})"/> is exact (times 2^-80) and never subnormal.</summary>
internal unsafe struct F16x512 : IWeightLanes<Vector512<float>>
{
    public static int ElementBytes => 2;
    public static float HalfShortfall => WeightHalf.WidenScaleRoot;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Load(byte* row, int index) => WeightHalf.Widen(Vector256.Load((short*)row + index));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Scalar(byte* row, int index) => HalfConversion.HalfToSingle(((ushort*)row)[index]);
}

internal unsafe struct Bf16x512 : IWeightLanes<Vector512<float>>
{
    public static int ElementBytes => 2;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Load(byte* row, int index) => HalfConversion.BFloat16ToSingle(Vector256.Load((ushort*)row + index));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Scalar(byte* row, int index) => HalfConversion.BFloat16ToSingle(((ushort*)row)[index]);
}

internal unsafe struct F32x256 : IWeightLanes<Vector256<float>>
{
    public static int ElementBytes => 4;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Load(byte* row, int index) => Vector256.Load((float*)row + index);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Scalar(byte* row, int index) => ((float*)row)[index];
}

/// <inheritdoc cref="F16x512"/>
internal unsafe struct F16x256 : IWeightLanes<Vector256<float>>
{
    public static int ElementBytes => 2;
    public static float HalfShortfall => WeightHalf.WidenScaleRoot;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Load(byte* row, int index) => WeightHalf.Widen(Vector128.Load((short*)row + index));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Scalar(byte* row, int index) => HalfConversion.HalfToSingle(((ushort*)row)[index]);
}

internal unsafe struct Bf16x256 : IWeightLanes<Vector256<float>>
{
    public static int ElementBytes => 2;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Load(byte* row, int index) => HalfConversion.BFloat16ToSingle(Vector128.Load((ushort*)row + index));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Scalar(byte* row, int index) => HalfConversion.BFloat16ToSingle(((ushort*)row)[index]);
}
