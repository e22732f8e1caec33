using Platform.Kernels.Numerics;

namespace Platform.Kernels.Tests;

/// <summary>Every code path this CPU can run, so each kernel is checked in its scalar and SIMD forms.</summary>
public static class TestLevels
{
    public static TheoryData<SimdLevel> All()
    {
        var data = new TheoryData<SimdLevel> { SimdLevel.Scalar };
        if (Simd.Best >= SimdLevel.Vector256) data.Add(SimdLevel.Vector256);
        if (Simd.Best >= SimdLevel.Vector512) data.Add(SimdLevel.Vector512);
        return data;
    }
}
