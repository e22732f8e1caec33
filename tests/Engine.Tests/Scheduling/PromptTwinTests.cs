using Platform.Engine.Scheduling;

namespace Platform.Engine.Tests.Scheduling;

/// <summary>Choices of one request (same group, same prompt) prefill the prompt once: the others wait for it, then hit the cache.</summary>
public class PromptTwinTests
{
    [Fact]
    public void ChoicesOfOneRequestArrivingTogether_PrefillThePromptOnce_AndTheOthersTakeItsFullBlocksFromTheCache()
    {
        var harness = new SchedulerHarness(64, 4, new SchedulerOptions { MaxNumBatchedTokens = 64 });
        var prompt = SchedulerHarness.Prompt(10);
        var choices = Enumerable.Range(0, 3).Select(_ => harness.Submit(prompt, group: "request-1")).ToArray();

        var first = harness.Step();
        var second = harness.Step();

        Assert.Equal((choices[0], 10, true), first.Single());
        // The 8 tokens of the two full blocks come from the cache; only the last, partial block is computed again.
        Assert.Contains((choices[1], 2, true), second);
        Assert.Contains((choices[2], 2, true), second);
        Assert.Equal(8, choices[1].CachedPromptTokens);
        Assert.Equal(8, choices[2].CachedPromptTokens);
        Assert.Equal(3 * 10, harness.Scheduler.PrefixQueriedTokens);
        Assert.Equal(16, harness.Scheduler.PrefixHitTokens);
    }

    [Fact]
    public void AChoiceArrivingWhileItsTwinIsStillPrefillingInChunks_WaitsForTheWholePrompt()
    {
        var harness = new SchedulerHarness(64, 4, new SchedulerOptions { MaxNumBatchedTokens = 8 });
        var prompt = SchedulerHarness.Prompt(20);
        var leader = harness.Submit(prompt, group: "g");
        var follower = harness.Submit(prompt, group: "g");

        Assert.Equal((leader, 8, false), harness.Step().Single());
        Assert.Equal((leader, 8, false), harness.Step().Single());
        var third = harness.Step();

        Assert.Equal((leader, 4, true), third[0]);
        Assert.Equal(SequenceStatus.Waiting, follower.Status);
        var fourth = harness.Step();
        Assert.Contains((follower, 4, true), fourth);
        Assert.Equal(16, follower.CachedPromptTokens);
    }

    [Theory]
    [InlineData("other-group", 0)]
    [InlineData("g", 1)]
    public void OnlyTheSameGroupAndTheSamePromptAreStaged(string secondGroup, int promptShift)
    {
        var harness = new SchedulerHarness(64, 4, new SchedulerOptions { MaxNumBatchedTokens = 64 });
        var a = harness.Submit(SchedulerHarness.Prompt(10), group: "g");
        var b = harness.Submit(SchedulerHarness.Prompt(10, 1000 + promptShift), group: secondGroup);

        var step = harness.Step();

        Assert.Equal(2, step.Count);
        Assert.Null(b.PromptTwin);
        Assert.Equal(SequenceStatus.Running, a.Status);
    }

    [Fact]
    public void WithPrefixCachingOffChoicesAreNotHeldBack()
    {
        var harness = new SchedulerHarness(64, 4, new SchedulerOptions { MaxNumBatchedTokens = 64 }, prefixCaching: false);
        var prompt = SchedulerHarness.Prompt(10);
        harness.Submit(prompt, group: "g");
        harness.Submit(prompt, group: "g");

        Assert.Equal(2, harness.Step().Count);
    }
}
