using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Platform.Kernels.Numerics;

namespace Platform.Kernels.Tests.Numerics;

/// <summary>F16 weights widened for the GEMV: exact for every finite half, and never a float subnormal (which would cost a microcode assist).</summary>
public class WeightHalfTests
{
    [Fact]
    public void TheWideningScaleRootIsExactly2To40() => Assert.Equal(WeightHalf.WidenScaleRoot, MathF.ScaleB(1f, 40));

    [Fact]
    public void WideningTimes2ToThe80IsExactForEveryFiniteHalf_AndNoResultIsSubnormal()
    {
        var finite = Enumerable.Range(0, 65536).Where(b => (b & 0x7C00) != 0x7C00).Select(b => (short)b).ToArray();
        Assert.Equal(0, finite.Length % 16);
        var actual = new float[16];
        for (var i = 0; i < finite.Length; i += 16)
        {
            var expected = finite[i..(i + 16)].Select(b => (float)BitConverter.UInt16BitsToHalf((ushort)b)).ToArray();
            void Check(int count)
            {
                for (var j = 0; j < count; j++)
                {
                    Assert.False(float.IsSubnormal(actual[j]), $"half 0x{(ushort)finite[i + j]:X4} widened to a subnormal");
                    Assert.Equal(expected[j], actual[j] * MathF.ScaleB(1f, 80));
                }
            }
            if (Avx512F.IsSupported)
            {
                WeightHalf.Widen(Vector256.Create(finite.AsSpan(i, 16))).CopyTo(actual);
                Check(16);
            }
            if (Avx2.IsSupported && Fma.IsSupported)
            {
                WeightHalf.Widen(Vector128.Create(finite.AsSpan(i, 8))).CopyTo(actual);
                Check(8);
            }
        }
    }
}
