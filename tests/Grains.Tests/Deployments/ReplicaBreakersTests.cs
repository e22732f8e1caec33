using Platform.Grains.Deployments;
using Platform.Grains.Tests.Support;

namespace Platform.Grains.Tests.Deployments;

public class ReplicaBreakersTests
{
    private static readonly CircuitBreakerOptions Options = new() { FailureThreshold = 3, CoolDown = TimeSpan.FromSeconds(30) };

    [Fact]
    public void ThreeFailuresInARow_EjectTheReplica_ForTheCoolDown()
    {
        var time = new ManualTime();
        var breakers = new ReplicaBreakers(2, Options, time);

        breakers.Failed(0);
        breakers.Failed(0);
        Assert.True(breakers.Admits(0));
        breakers.Failed(0);

        Assert.False(breakers.Admits(0));
        Assert.True(breakers.Admits(1));
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(breakers.Admits(0));
    }

    [Fact]
    public void AStartBetweenFailures_ResetsTheCount()
    {
        var breakers = new ReplicaBreakers(1, Options, new ManualTime());

        breakers.Failed(0);
        breakers.Failed(0);
        Assert.True(breakers.WantsOutcome(0));
        breakers.Succeeded(0);
        Assert.False(breakers.WantsOutcome(0));
        breakers.Failed(0);
        breakers.Failed(0);

        Assert.True(breakers.Admits(0));
    }

    [Fact]
    public void AfterTheCoolDown_OneTrialIsAdmitted_AndItsStartClosesTheBreaker()
    {
        var time = new ManualTime();
        var breakers = Ejected(time);
        time.Advance(TimeSpan.FromSeconds(30));

        Assert.True(breakers.Admits(0));
        breakers.Routed(0);
        Assert.True(breakers.WantsOutcome(0));
        // Half-open: while the trial is out, nothing else goes there.
        Assert.False(breakers.Admits(0));
        breakers.Succeeded(0);

        Assert.True(breakers.Admits(0));
        Assert.False(breakers.IsOpen(0));
    }

    [Fact]
    public void AFailedTrial_EjectsTheReplicaForAnotherFullCoolDown()
    {
        var time = new ManualTime();
        var breakers = Ejected(time);
        time.Advance(TimeSpan.FromSeconds(30));
        breakers.Routed(0);

        breakers.Failed(0);

        Assert.False(breakers.Admits(0));
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(breakers.Admits(0));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(breakers.Admits(0));
    }

    [Fact]
    public void ATrialWithNoOutcome_LetsAnotherRequestTryAfterACoolDown()
    {
        var time = new ManualTime();
        var breakers = Ejected(time);
        time.Advance(TimeSpan.FromSeconds(30));
        breakers.Routed(0);

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(breakers.Admits(0));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(breakers.Admits(0));
    }

    [Fact]
    public void AThresholdOfZero_NeverEjects()
    {
        var breakers = new ReplicaBreakers(1, Options with { FailureThreshold = 0 }, new ManualTime());

        for (var i = 0; i < 10; i++)
            breakers.Failed(0);

        Assert.True(breakers.Admits(0));
    }

    private static ReplicaBreakers Ejected(ManualTime time)
    {
        var breakers = new ReplicaBreakers(1, Options, time);
        for (var i = 0; i < 3; i++)
            breakers.Failed(0);
        Assert.False(breakers.Admits(0));
        return breakers;
    }
}
