using Platform.Kernels.Numerics;
using Platform.Kernels.Positional;

namespace Platform.Kernels.Tests.Positional;

public unsafe class RotaryEmbeddingTests
{
    [Fact]
    public void InterleavedStyleOnAdjacentPairsEqualsNeoXStyleOnTheRotateHalfPermutation()
    {
        const int headDim = 16, heads = 2, position = 37;
        var random = new Random(1);
        var interleaved = Enumerable.Range(0, heads * headDim).Select(_ => (float)random.NextDouble()).ToArray();
        // HF's permutation: element 2i goes to i, element 2i+1 goes to i + d/2.
        var neox = new float[interleaved.Length];
        for (var h = 0; h < heads; h++)
            for (var i = 0; i < headDim / 2; i++)
            {
                neox[h * headDim + i] = interleaved[h * headDim + 2 * i];
                neox[h * headDim + i + headDim / 2] = interleaved[h * headDim + 2 * i + 1];
            }
        Rotate(new RotaryEmbedding(headDim, 10000, RopeStyle.Interleaved), interleaved, heads, position);
        Rotate(new RotaryEmbedding(headDim, 10000, RopeStyle.NeoX), neox, heads, position);
        for (var h = 0; h < heads; h++)
            for (var i = 0; i < headDim / 2; i++)
            {
                Assert.Equal(interleaved[h * headDim + 2 * i], neox[h * headDim + i], 6);
                Assert.Equal(interleaved[h * headDim + 2 * i + 1], neox[h * headDim + i + headDim / 2], 6);
            }
    }

    [Fact]
    public void RotationKeepsNormsAndPositionZeroIsIdentity()
    {
        var rope = new RotaryEmbedding(8, 10000, RopeStyle.NeoX);
        var v = new float[] { 1, 2, 3, 4, 5, 6, 7, 8 };
        var at0 = v.ToArray();
        Rotate(rope, at0, 1, 0);
        Assert.Equal(v, at0);
        var at9 = v.ToArray();
        Rotate(rope, at9, 1, 9);
        Assert.Equal(v.Sum(x => x * x), at9.Sum(x => x * x), 3);
        Assert.NotEqual(v, at9);
    }

    public static TheoryData<SimdLevel, RopeStyle, int> LevelCases()
    {
        var data = new TheoryData<SimdLevel, RopeStyle, int>();
        foreach (var level in TestLevels.All())
            foreach (var style in Enum.GetValues<RopeStyle>())
                foreach (var headDim in new[] { 64, 20, 6 })
                    data.Add(level, style, headDim);
        return data;
    }

    [Theory]
    [MemberData(nameof(LevelCases))]
    public void EveryLevelRotatesBitForBitAsTheScalarForm(SimdLevel level, RopeStyle style, int headDim)
    {
        const int heads = 3, position = 300;
        var rope = new RotaryEmbedding(headDim, 10000, style);
        var random = new Random(headDim);
        var expected = Enumerable.Range(0, heads * headDim).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
        var actual = expected.ToArray();
        var cos = stackalloc float[headDim / 2];
        var sin = stackalloc float[headDim / 2];
        rope.Angles(position, cos, sin);
        fixed (float* e = expected, a = actual)
        {
            rope.Apply(e, heads, cos, sin, SimdLevel.Scalar);
            rope.Apply(a, heads, cos, sin, level);
        }
        Assert.Equal(expected, actual);
        Assert.NotEqual(0f, expected[1]);
    }

    [Fact]
    public void Llama3ScalingKeepsHighFrequenciesAndDividesLowOnesByTheFactor()
    {
        var scaling = new Llama3RopeScaling(8, 1, 4, 8192);
        Assert.Equal(1.0, scaling.Scale(0, 1.0), 12); // wavelength 2π: high frequency, unchanged
        var low = 2 * Math.PI / 100000; // wavelength 100000 > 8192: divided by 8
        Assert.Equal(low / 8, scaling.Scale(0, low), 15);
        var mid = 2 * Math.PI / 4096; // between 2048 and 8192: smooth blend
        var smooth = (8192 / 4096.0 - 1) / (4 - 1);
        Assert.Equal((1 - smooth) * mid / 8 + smooth * mid, scaling.Scale(0, mid), 15);
    }

    private static void Rotate(RotaryEmbedding rope, float[] vectors, int heads, int position)
    {
        var cos = stackalloc float[rope.HeadDim / 2];
        var sin = stackalloc float[rope.HeadDim / 2];
        rope.Angles(position, cos, sin);
        fixed (float* v = vectors) rope.Apply(v, heads, cos, sin);
    }
}
