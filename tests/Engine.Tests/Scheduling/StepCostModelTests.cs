using Platform.Engine.Scheduling;

namespace Platform.Engine.Tests.Scheduling;

public class StepCostModelTests
{
    // t = fixedMs + perTokenMs x tokens, for steps of a decode-only, a mixed and a prefill-heavy size.
    private static void Observe(StepCostModel model, double fixedMs, double perTokenMs, int rounds)
    {
        for (var i = 0; i < rounds; i++)
            foreach (var tokens in new[] { 16, 48, 512 })
                model.Observe(tokens, (fixedMs + perTokenMs * tokens) / 1000);
    }

    [Fact]
    public void LearnsTheFixedCostInTokensFromStepsOfDifferentSizes()
    {
        var model = new StepCostModel(priorFixedCostTokens: 1, maxFixedCostTokens: 512);

        Observe(model, fixedMs: 13, perTokenMs: 1.04, rounds: 5);

        Assert.Equal(12.5, model.FixedCostTokens, precision: 6);
    }

    [Fact]
    public void KeepsThePriorWhileEveryStepHasTheSameSize()
    {
        var model = new StepCostModel(priorFixedCostTokens: 7, maxFixedCostTokens: 512);

        for (var i = 0; i < 50; i++)
            model.Observe(16, 0.030 + i * 1e-4);

        Assert.Equal(7, model.FixedCostTokens);
    }

    [Fact]
    public void FollowsAChangeOfCostAndForgetsTheOldOne()
    {
        var model = new StepCostModel(priorFixedCostTokens: 1, maxFixedCostTokens: 512);
        Observe(model, fixedMs: 10, perTokenMs: 1, rounds: 200);

        Observe(model, fixedMs: 50, perTokenMs: 1, rounds: 400);

        Assert.Equal(50, model.FixedCostTokens, precision: 3);
    }

    [Fact]
    public void NeverEstimatesAboveTheMaximumNorBelowZero()
    {
        var heavy = new StepCostModel(priorFixedCostTokens: 1, maxFixedCostTokens: 64);
        var negative = new StepCostModel(priorFixedCostTokens: 1, maxFixedCostTokens: 64);

        Observe(heavy, fixedMs: 1000, perTokenMs: 1, rounds: 5);
        Observe(negative, fixedMs: -5, perTokenMs: 1, rounds: 5);

        Assert.Equal(64, heavy.FixedCostTokens);
        Assert.Equal(0, negative.FixedCostTokens);
    }

    [Fact]
    public void StepsThatCostNothingOrGetCheaperWithMoreTokensLeaveThePrior()
    {
        var model = new StepCostModel(priorFixedCostTokens: 9, maxFixedCostTokens: 512);

        model.Observe(0, 0.5);
        model.Observe(16, 0);
        model.Observe(16, 0.5);
        model.Observe(512, 0.1);

        Assert.Equal(9, model.FixedCostTokens);
    }
}
