using Platform.Engine.Scheduling;

namespace Platform.Engine.Tests.Scheduling;

/// <summary>max_prefill_tokens_with_decodes: how much prompt work a step that also decodes may carry.</summary>
public class PrefillCapTests
{
    private static SchedulerHarness Harness(int budget, int cap, int maxNumSeqs = 64) =>
        new(256, 4, new SchedulerOptions { MaxNumBatchedTokens = budget, MaxPrefillTokensWithDecodes = cap, MaxNumSeqs = maxNumSeqs });

    [Fact]
    public void WhileSequencesDecodeAStepPrefillsNoMoreThanTheCapAndUsesAllOfIt()
    {
        var harness = Harness(budget: 64, cap: 8);
        harness.Submit(SchedulerHarness.Prompt(4, 100), maxTokens: 40);
        harness.Submit(SchedulerHarness.Prompt(4, 200), maxTokens: 40);
        harness.Step();
        for (var i = 0; i < 3; i++)
            harness.Submit(SchedulerHarness.Prompt(20, 1000 * (i + 1)));

        var prefilled = new List<int>();
        for (var step = 0; step < 10; step++)
        {
            harness.Step();
            Assert.True(harness.LastStepDecodes >= 2, $"step {step} decoded {harness.LastStepDecodes}");
            prefilled.Add(harness.LastStepPrefillTokens);
        }

        Assert.All(prefilled, tokens => Assert.InRange(tokens, 0, 8));
        // 60 prompt tokens at 8 a step: seven full steps, then the last 4.
        Assert.Equal([8, 8, 8, 8, 8, 8, 8, 4, 0, 0], prefilled);
    }

    [Fact]
    public void WithoutDecodesPrefillTakesTheWholeBudget()
    {
        var harness = Harness(budget: 32, cap: 8);
        for (var i = 0; i < 3; i++)
            harness.Submit(SchedulerHarness.Prompt(20, 1000 * (i + 1)));

        var step = harness.Step();

        Assert.Equal(0, harness.LastStepDecodes);
        Assert.Equal(32, harness.LastStepPrefillTokens);
        Assert.Equal([20, 12], step.Select(e => e.Tokens));
    }

    [Fact]
    public void ALongPromptFinishesItsPrefillInCapSizedChunksWhileTheDecodeRunsEveryStep()
    {
        var harness = Harness(budget: 64, cap: 8);
        var decoding = harness.Submit(SchedulerHarness.Prompt(4, 100), maxTokens: 20);
        harness.Step();
        var longPrompt = harness.Submit(SchedulerHarness.Prompt(40));

        for (var step = 0; step < 5; step++)
        {
            var entries = harness.Step();
            Assert.Equal((decoding, 1, true), entries[0]);
            Assert.Equal((longPrompt, 8, step == 4), entries[1]);
        }

        Assert.Equal(1, longPrompt.GeneratedCount);
        Assert.Equal(6, decoding.GeneratedCount);
    }

    [Fact]
    public void QueuedPromptsAreAdmittedAndAnsweredAtTheCapsRateBehindLongDecodes()
    {
        var harness = Harness(budget: 64, cap: 8, maxNumSeqs: 8);
        var decoding = Enumerable.Range(0, 2).Select(i => harness.Submit(SchedulerHarness.Prompt(4, 100 * (i + 1)), maxTokens: 1000)).ToList();
        harness.Step();
        var queued = Enumerable.Range(0, 4).Select(i => harness.Submit(SchedulerHarness.Prompt(10, 1000 * (i + 1)), maxTokens: 3)).ToList();

        // 40 prompt tokens at 8 a step: every queued prompt has its first token after 5 steps, none starved.
        for (var step = 0; step < 5; step++)
            harness.Step();

        Assert.All(queued, s => Assert.True(s.GeneratedCount >= 1));
        Assert.Equal(1, queued[^1].GeneratedCount);
        Assert.All(decoding, s => Assert.Equal(6, s.GeneratedCount));
        for (var step = 0; step < 2; step++)
            harness.Step();
        Assert.All(queued, s => Assert.Equal(SequenceStatus.Finished, s.Status));
    }

    [Fact]
    public void ACapAtTheBudgetSchedulesLikeNoCap()
    {
        var capped = Harness(budget: 16, cap: 16);
        var uncapped = Harness(budget: 16, cap: int.MaxValue);
        foreach (var harness in new[] { capped, uncapped })
        {
            harness.Submit(SchedulerHarness.Prompt(4, 100), maxTokens: 10);
            harness.Step();
            harness.Submit(SchedulerHarness.Prompt(30));
        }

        var steps = Enumerable.Range(0, 4).Select(_ => (Capped: capped.Step().Select(e => e.Tokens).ToList(), Uncapped: uncapped.Step().Select(e => e.Tokens).ToList())).ToList();

        Assert.All(steps, step => Assert.Equal(step.Uncapped, step.Capped));
        Assert.Equal([1, 15], steps[0].Capped);
    }

    [Fact]
    public void ANonPositiveCapIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new SchedulerOptions { MaxPrefillTokensWithDecodes = 0 }.Validate());

        Assert.Contains("max_prefill_tokens_with_decodes", error.Message);
    }
}
