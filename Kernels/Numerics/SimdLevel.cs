using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Platform.Kernels.Numerics;

/// <summary>Which code path a kernel takes; <see cref="Auto"/> picks the widest this CPU runs natively. Tests force each path.</summary>
public enum SimdLevel
{
    Auto,
    Scalar,
    Vector256,
    Vector512,
}

/// <summary>Resolves <see cref="SimdLevel.Auto"/> and downgrades a requested level this CPU cannot run.</summary>
public static class Simd
{
    public static SimdLevel Best { get; } =
        Vector512.IsHardwareAccelerated && Avx512F.IsSupported && Avx512BW.IsSupported ? SimdLevel.Vector512
        : Vector256.IsHardwareAccelerated && Avx2.IsSupported && Fma.IsSupported ? SimdLevel.Vector256
        : SimdLevel.Scalar;

    public static SimdLevel Resolve(SimdLevel requested) =>
        requested == SimdLevel.Auto || requested > Best ? Best : requested;
}
