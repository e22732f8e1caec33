using Platform.Api.Dashboard;
using Platform.Grains.Interfaces.Models;

namespace Platform.Api.Tests.Dashboard;

public class HistogramQuantileTests
{
    private static readonly double[] Bounds = [0.1, 0.5, 1.0];

    [Fact]
    public void Between_InterpolatesInsideTheBucketHoldingTheRank_AsPrometheusDoes()
    {
        // 10 in (0, 0.1], 10 in (0.1, 0.5]: the median is the top of the first bucket, p75 halfway up the second.
        var now = new HistogramCounts(Bounds, [10, 10, 0, 0]);

        Assert.Equal(0.1, HistogramQuantile.Between(null, now, 0.5)!.Value, 9);
        Assert.Equal(0.3, HistogramQuantile.Between(null, now, 0.75)!.Value, 9);
    }

    [Fact]
    public void Between_CountsOnlyObservationsSinceTheEarlierSnapshot()
    {
        var before = new HistogramCounts(Bounds, [100, 0, 0, 0]);
        var now = new HistogramCounts(Bounds, [100, 0, 4, 0]);

        // All 100 fast requests came before the window; the 4 in it were in (0.5, 1.0].
        Assert.Equal(0.75, HistogramQuantile.Between(before, now, 0.5)!.Value, 9);
    }

    [Fact]
    public void Between_AnswersTheHighestBound_ForTheInfiniteBucket_AndNullWithoutObservations()
    {
        Assert.Equal(1.0, HistogramQuantile.Between(null, new HistogramCounts(Bounds, [0, 0, 0, 3]), 0.99));
        Assert.Null(HistogramQuantile.Between(new HistogramCounts(Bounds, [1, 2, 3, 4]), new HistogramCounts(Bounds, [1, 2, 3, 4]), 0.5));
    }
}
