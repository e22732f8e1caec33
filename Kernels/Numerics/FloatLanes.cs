using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Platform.Kernels.Numerics;

/// <summary>The few float vector operations the generic kernels need, so one kernel body serves 512-bit, 256-bit and scalar paths.</summary>
internal unsafe interface IFloatLanes<TVec> where TVec : struct
{
    static abstract int Count { get; }
    static abstract TVec Zero { get; }
    static abstract TVec Load(float* p);
    /// <summary>Count halves in <see cref="NormalHalf"/>'s encoding, widened: their values times 2^-112.</summary>
    static abstract TVec LoadNormalHalf(ushort* p);
    /// <summary>Count bfloat16 values, widened.</summary>
    static abstract TVec LoadBFloat16(ushort* p);
    /// <summary>Count signed bytes, each sign-extended, shifted left by <paramref name="shift"/> and masked, as float bits (<see cref="Fp8{TF}"/>).</summary>
    static abstract TVec LoadShiftedBytes(sbyte* p, int shift, int mask);
    static abstract TVec Broadcast(float value);
    static abstract void Store(float* p, TVec v);
    static abstract TVec MultiplyAdd(TVec a, TVec b, TVec addend);
    static abstract TVec Multiply(TVec a, TVec b);
    static abstract TVec Add(TVec a, TVec b);
    static abstract TVec Subtract(TVec a, TVec b);
    static abstract TVec Exp(TVec v);
    static abstract float Sum(TVec v);
    static abstract TVec Max(TVec a, TVec b);
    static abstract float MaxAcross(TVec v);
}

/// <summary>One float at a time: the scalar path of the generic kernels.</summary>
internal unsafe struct LanesScalar : IFloatLanes<float>
{
    public static int Count => 1;
    public static float Zero => 0f;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Load(float* p) => *p;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float LoadNormalHalf(ushort* p) => NormalHalf.Widen(*p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float LoadBFloat16(ushort* p) => HalfConversion.BFloat16ToSingle(*p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float LoadShiftedBytes(sbyte* p, int shift, int mask) => BitConverter.Int32BitsToSingle((*p << shift) & mask);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Broadcast(float value) => value;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(float* p, float v) => *p = v;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float MultiplyAdd(float a, float b, float addend) => a * b + addend;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Multiply(float a, float b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Add(float a, float b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Subtract(float a, float b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Exp(float v) => MathF.Exp(v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Sum(float v) => v;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Max(float a, float b) => MathF.Max(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float MaxAcross(float v) => v;
}

/// <summary>512-bit lanes (16 floats).</summary>
internal unsafe struct Lanes512 : IFloatLanes<Vector512<float>>
{
    public static int Count => 16;
    public static Vector512<float> Zero => Vector512<float>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Load(float* p) => Vector512.Load(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> LoadNormalHalf(ushort* p) => NormalHalf.Widen(Vector256.Load((short*)p));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> LoadBFloat16(ushort* p) => HalfConversion.BFloat16ToSingle(Vector256.Load(p));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LoadShiftedBytes(sbyte* p, int shift, int mask) =>
        ((Avx512F.ConvertToVector512Int32(Vector128.Load(p)) << shift) & Vector512.Create(mask)).AsSingle();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Broadcast(float value) => Vector512.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(float* p, Vector512<float> v) => v.Store(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> MultiplyAdd(Vector512<float> a, Vector512<float> b, Vector512<float> addend) => Vector512.FusedMultiplyAdd(a, b, addend);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Subtract(Vector512<float> a, Vector512<float> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Exp(Vector512<float> v) => Vector512.Exp(v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Sum(Vector512<float> v) => Vector512.Sum(v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Max(Vector512<float> a, Vector512<float> b) => Vector512.Max(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float MaxAcross(Vector512<float> v) => Lanes256.MaxAcross(Vector256.Max(v.GetLower(), v.GetUpper()));
}

/// <summary>256-bit lanes (8 floats).</summary>
internal unsafe struct Lanes256 : IFloatLanes<Vector256<float>>
{
    public static int Count => 8;
    public static Vector256<float> Zero => Vector256<float>.Zero;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Load(float* p) => Vector256.Load(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> LoadNormalHalf(ushort* p) => NormalHalf.Widen(Vector128.Load((short*)p));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> LoadBFloat16(ushort* p) => HalfConversion.BFloat16ToSingle(Vector128.Load(p));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LoadShiftedBytes(sbyte* p, int shift, int mask) => ((Avx2.ConvertToVector256Int32(p) << shift) & Vector256.Create(mask)).AsSingle();
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Broadcast(float value) => Vector256.Create(value);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(float* p, Vector256<float> v) => v.Store(p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> MultiplyAdd(Vector256<float> a, Vector256<float> b, Vector256<float> addend) => Vector256.FusedMultiplyAdd(a, b, addend);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Multiply(Vector256<float> a, Vector256<float> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Subtract(Vector256<float> a, Vector256<float> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Exp(Vector256<float> v) => Vector256.Exp(v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Sum(Vector256<float> v) => Vector256.Sum(v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Max(Vector256<float> a, Vector256<float> b) => Vector256.Max(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MaxAcross(Vector256<float> v)
    {
        var m = Vector128.Max(v.GetLower(), v.GetUpper());
        m = Vector128.Max(m, Vector128.Shuffle(m, Vector128.Create(2, 3, 0, 1)));
        return MathF.Max(m.ToScalar(), m.GetElement(1));
    }
}
