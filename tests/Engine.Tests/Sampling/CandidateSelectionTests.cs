using Platform.Engine.Sampling;

namespace Platform.Engine.Tests.Sampling;

public class CandidateSelectionTests
{
    [Theory]
    [InlineData(0, 0.9f)]
    [InlineData(5, 1f)]
    [InlineData(7, 0.5f)]
    [InlineData(0, 0.3f)]
    public void SelectionMatchesSortingTheWholeDistribution(int topK, float topP)
    {
        var random = new Random(17);
        for (var trial = 0; trial < 50; trial++)
        {
            var weights = Enumerable.Range(0, 60).Select(_ => random.NextSingle() < 0.2f ? 0f : random.NextSingle()).ToArray();
            var indices = new int[weights.Length];
            var kept = indices[CandidateSelection.SelectNucleus(weights, indices, topK, topP)].Order().ToArray();
            Assert.Equal(Reference(weights, topK, topP), kept);
        }
    }

    [Fact]
    public void TopNListsTheLargestValuesLargestFirst()
    {
        var values = new float[] { 0.5f, 2f, -1f, 2f, 7f, 0f };
        var top = new int[3];
        Assert.Equal(3, CandidateSelection.TopN(values, top));
        Assert.Equal(new[] { 4, 1, 3 }, top);
    }

    private static int[] Reference(float[] weights, int topK, float topP)
    {
        var sorted = Enumerable.Range(0, weights.Length).Where(i => weights[i] > 0)
            .OrderByDescending(i => weights[i]).ThenBy(i => i).ToList();
        if (topK > 0)
            sorted = sorted.Take(topK).ToList();
        var total = sorted.Sum(i => weights[i]);
        var kept = new List<int>();
        var cumulative = 0f;
        foreach (var token in sorted)
        {
            if (cumulative >= topP * total)
                break;
            kept.Add(token);
            cumulative += weights[token];
        }
        return kept.Order().ToArray();
    }
}
