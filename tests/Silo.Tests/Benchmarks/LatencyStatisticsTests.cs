using Platform.Silo.Benchmarks;

namespace Platform.Silo.Tests.Benchmarks;

public class LatencyStatisticsTests
{
    [Fact]
    public void PercentilesInterpolateBetweenNearestRanksOfTheSortedSamples()
    {
        double[] samples = [5, 1, 4, 2, 3];

        Assert.Equal(3, LatencyStatistics.Percentile(samples, 50));
        Assert.Equal(1, LatencyStatistics.Percentile(samples, 0));
        Assert.Equal(5, LatencyStatistics.Percentile(samples, 100));
        Assert.Equal(4.96, LatencyStatistics.Percentile(samples, 99), 10);
        Assert.Equal(2.5, LatencyStatistics.Percentile([4, 1, 2, 3], 50), 10);
    }

    [Fact]
    public void OneSampleIsEveryPercentileAndTheMean()
    {
        Assert.Equal(0.25, LatencyStatistics.Percentile([0.25], 99));
        Assert.Equal(0.25, LatencyStatistics.Mean([0.25]));
    }

    [Fact]
    public void TheMeanOfNoSamplesIsNaNAndPercentilesOfNoneOrOutOfRangeAreRefused()
    {
        Assert.True(double.IsNaN(LatencyStatistics.Mean([])));
        Assert.Throws<ArgumentException>(() => LatencyStatistics.Percentile([], 50));
        Assert.Throws<ArgumentOutOfRangeException>(() => LatencyStatistics.Percentile([1.0], 101));
    }

    [Fact]
    public void ALevelSumsTokensAndDividesByItsWallTime()
    {
        StreamedCompletion[] requests =
        [
            new(16, 4, 0.010, [0.001, 0.003], 0.02),
            new(18, 6, 0.030, [0.002], 0.04),
        ];

        var level = ServeLevelResult.From(2, requests, wallSeconds: 0.5);

        Assert.Equal((10L, 17, 20.0, 4.0), (level.CompletionTokens, level.MeanPromptTokens, level.OutputTokensPerSecond, level.RequestsPerSecond));
        Assert.Equal(0.020, level.MeanTimeToFirstTokenSeconds, 10);
        Assert.Equal(0.020, level.P50TimeToFirstTokenSeconds, 10);
        Assert.Equal(0.002, level.MeanInterTokenSeconds, 10);
    }

    [Fact]
    public void ALevelsInterTokenPercentilesPoolTheGapsOfAllItsRequests()
    {
        // 99 gaps of 10 ms and one stall of 1 s across two requests: the median ignores the stall, p99 sees it.
        StreamedCompletion[] requests =
        [
            new(16, 51, 0.010, [.. Enumerable.Repeat(0.010, 49), 1.0], 1.5),
            new(16, 51, 0.010, [.. Enumerable.Repeat(0.010, 50)], 0.5),
        ];

        var level = ServeLevelResult.From(2, requests, wallSeconds: 2);

        Assert.Equal(0.010, level.P50InterTokenSeconds, 10);
        Assert.Equal(0.010 + (1.0 - 0.010) * 0.01, level.P99InterTokenSeconds, 10);
    }

    [Fact]
    public void ALevelWithoutGapsHasNoInterTokenPercentiles()
    {
        var level = ServeLevelResult.From(1, [new StreamedCompletion(16, 1, 0.010, [], 0.01)], wallSeconds: 1);

        Assert.True(double.IsNaN(level.P50InterTokenSeconds) && double.IsNaN(level.P99InterTokenSeconds));
    }
}
