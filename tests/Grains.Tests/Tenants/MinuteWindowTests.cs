using Platform.Grains.Tenants;

namespace Platform.Grains.Tests.Tenants;

public class MinuteWindowTests
{
    static readonly DateTimeOffset T0 = new(2026, 12, 6, 21, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TheSum_CountsWhatWasAddedInTheLast60Seconds_AndForgetsOlderAdditions()
    {
        var window = new MinuteWindow();
        window.Add(T0, 2);
        window.Add(T0.AddSeconds(30.5), 3);

        Assert.Equal(5, window.Sum(T0.AddSeconds(59.9)));
        Assert.Equal(3, window.Sum(T0.AddSeconds(60)));
        Assert.Equal(0, window.Sum(T0.AddSeconds(90)));
        // A bucket reused a minute later starts from zero.
        window.Add(T0.AddSeconds(120), 1);
        Assert.Equal(1, window.Sum(T0.AddSeconds(120)));
    }

    [Fact]
    public void SecondsUntilBelow_IsWhenEnoughOfTheOldestAdditionsHaveLeftTheWindow()
    {
        var window = new MinuteWindow();
        window.Add(T0, 1);
        window.Add(T0.AddSeconds(10), 1);
        window.Add(T0.AddSeconds(20), 1);
        var now = T0.AddSeconds(25);

        Assert.Equal(0, window.SecondsUntilBelow(now, 4));
        // At limit 3 the first must leave (at T0+60: 35 s from now); at limit 2 the second too (at T0+70).
        Assert.Equal(35, window.SecondsUntilBelow(now, 3));
        Assert.Equal(45, window.SecondsUntilBelow(now, 2));
        Assert.Equal(0, window.SecondsUntilBelow(now.AddSeconds(35), 3));
    }

    [Fact]
    public void ALargeAdditionAboveTheLimit_WaitsForItsOwnSecondToLeave()
    {
        var window = new MinuteWindow();
        window.Add(T0, 5_000);

        Assert.Equal(60, window.SecondsUntilBelow(T0, 1_000));
        Assert.Equal(1, window.SecondsUntilBelow(T0.AddSeconds(59), 1_000));
    }
}
