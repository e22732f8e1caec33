using System.Runtime.Intrinsics;
using Platform.Kernels.Numerics;

namespace Platform.Kernels.Tests.Numerics;

public class FastExpTests
{
    /// <summary>The softmax's arguments: 0 down to far below float's range, and the -inf of masked slots.</summary>
    private static float[] Arguments()
    {
        var random = new Random(11);
        var values = new List<float> { 0f, -1e-30f, -0.34657f, -0.34658f, -1f, -87.3f, -87.2f, -87.4f, -100f, -1e30f, float.NegativeInfinity, 1f, 10f };
        for (var i = 0; i < 20_000; i++) values.Add((float)(-random.NextDouble() * 90));
        while (values.Count % 16 != 0) values.Add(-0.5f);
        return values.ToArray();
    }

    [Fact]
    public void MatchesTheDoubleExponentialWithinAFewUlpsAndIsZeroBelowTheNormalRange()
    {
        var x = Arguments();
        var actual = new float[16];
        for (var i = 0; i < x.Length; i += 16)
        {
            var wide = FastExp.Exp(Vector512.Create(x.AsSpan(i, 16)));
            var narrow = FastExp.Exp(Vector256.Create(x.AsSpan(i, 8)));
            for (var k = 0; k < 16; k++)
            {
                var expected = x[i + k] < -87.3f ? 0 : Math.Exp(x[i + k]);
                Assert.True(Math.Abs(wide[k] - expected) <= 3e-7 * expected, $"exp({x[i + k]}) = {expected}, got {wide[k]}");
                if (k < 8) Assert.Equal(wide[k], narrow[k]);
            }
        }
    }
}
