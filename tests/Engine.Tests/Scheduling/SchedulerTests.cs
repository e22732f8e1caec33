using Platform.Engine.Scheduling;

namespace Platform.Engine.Tests.Scheduling;

public class SchedulerTests
{
    [Fact]
    public void DecodesAreScheduledBeforePrefillChunksWithinTheTokenBudget()
    {
        var harness = new SchedulerHarness(64, 4, new SchedulerOptions { MaxNumBatchedTokens = 8 });
        var first = harness.Submit(SchedulerHarness.Prompt(5), maxTokens: 10);
        harness.Step();
        var second = harness.Submit(SchedulerHarness.Prompt(20, 2000));

        var step = harness.Step();

        Assert.Equal((first, 1, true), step[0]);
        Assert.Equal((second, 7, false), step[1]);
    }

    [Fact]
    public void LongPromptIsPrefilledInChunksAndOnlyTheLastChunkAsksForLogits()
    {
        var harness = new SchedulerHarness(64, 4, new SchedulerOptions { MaxNumBatchedTokens = 16 });
        var sequence = harness.Submit(SchedulerHarness.Prompt(40));

        Assert.Equal((sequence, 16, false), harness.Step().Single());
        Assert.Equal((sequence, 16, false), harness.Step().Single());
        Assert.Equal((sequence, 8, true), harness.Step().Single());
        Assert.Equal((sequence, 1, true), harness.Step().Single());
    }

    [Fact]
    public void NoMoreThanMaxNumSeqsRunAtOnce()
    {
        var harness = new SchedulerHarness(64, 4, new SchedulerOptions { MaxNumSeqs = 2 });
        for (var i = 0; i < 3; i++)
            harness.Submit(SchedulerHarness.Prompt(3, 100 * i));
        Assert.Equal(2, harness.Step().Count);
        Assert.Equal(2, harness.Scheduler.RunningCount);
        Assert.Equal(1, harness.Scheduler.WaitingCount);
    }

    [Fact]
    public void WhenBlocksRunOutTheNewestSequenceIsPreemptedAndLaterRecomputedWithItsTokens()
    {
        // 4 blocks of 2 tokens; two 3-token prompts take 2 blocks each, the first decode needing a third block preempts.
        var harness = new SchedulerHarness(4, 2, new SchedulerOptions(), prefixCaching: false);
        var older = harness.Submit(SchedulerHarness.Prompt(3, 10), maxTokens: 3);
        var newer = harness.Submit(SchedulerHarness.Prompt(3, 20), maxTokens: 3);
        harness.Step(); // both prefilled: each has 3 computed + 1 sampled token
        harness.Step(); // decode: older grows to a 3rd block (position 3 is in block 1: fits) ...
        var step = harness.Step(); // ... and now position 4 needs block 2 for both: the newer one goes.

        Assert.Equal(1, harness.Scheduler.Preemptions);
        Assert.Equal(SequenceStatus.Waiting, newer.Status);
        Assert.Equal(0, newer.ComputedCount);
        Assert.Equal(5, newer.Length);
        Assert.Equal((older, 1, true), step.Single());

        while (harness.Scheduler.HasWork)
            harness.Step();
        Assert.Equal(3, newer.GeneratedCount);
        Assert.Equal(4, harness.Kv.Pool.FreeBlocks);
    }

    [Fact]
    public void RecomputeOfAPreemptedSequencePrefillsPromptAndGeneratedTokens()
    {
        var harness = new SchedulerHarness(4, 2, new SchedulerOptions(), prefixCaching: false);
        harness.Submit(SchedulerHarness.Prompt(3, 10), maxTokens: 4);
        var newer = harness.Submit(SchedulerHarness.Prompt(3, 20), maxTokens: 4);
        harness.Step();
        harness.Step();
        harness.Step();
        Assert.Equal(SequenceStatus.Waiting, newer.Status);

        List<(Sequence Sequence, int Tokens, bool Logits)> step;
        do step = harness.Step(); while (!step.Any(e => e.Sequence == newer));
        Assert.Equal((newer, 5, true), step.Single(e => e.Sequence == newer));
    }

    [Fact]
    public void PriorityPolicyAdmitsLowerPriorityValuesFirst()
    {
        var harness = new SchedulerHarness(64, 4, new SchedulerOptions { MaxNumSeqs = 1, Policy = SchedulingPolicy.Priority });
        harness.Submit(SchedulerHarness.Prompt(3, 10), priority: 5);
        var urgent = harness.Submit(SchedulerHarness.Prompt(3, 20), priority: -1);
        Assert.Equal(urgent, harness.Step().Single().Sequence);
    }

    [Fact]
    public void FcfsAdmitsInArrivalOrderRegardlessOfPriority()
    {
        var harness = new SchedulerHarness(64, 4, new SchedulerOptions { MaxNumSeqs = 1 });
        var first = harness.Submit(SchedulerHarness.Prompt(3, 10), priority: 5);
        harness.Submit(SchedulerHarness.Prompt(3, 20), priority: -1);
        Assert.Equal(first, harness.Step().Single().Sequence);
    }

    [Fact]
    public void FinishingAWaitingOrRunningSequenceReturnsAllItsBlocks()
    {
        var harness = new SchedulerHarness(8, 4, new SchedulerOptions { MaxNumSeqs = 1 });
        var running = harness.Submit(SchedulerHarness.Prompt(9));
        var waiting = harness.Submit(SchedulerHarness.Prompt(9, 50));
        harness.Step();
        harness.Scheduler.Finish(waiting);
        harness.Scheduler.Finish(running);
        Assert.False(harness.Scheduler.HasWork);
        Assert.Equal(0, harness.Kv.Pool.UsedBlocks);
    }

    [Fact]
    public void ASequenceLargerThanThePoolIsRejectedWithAClearError()
    {
        var harness = new SchedulerHarness(2, 4, new SchedulerOptions());
        var error = Assert.Throws<ArgumentException>(() => harness.Submit(SchedulerHarness.Prompt(9)));
        Assert.Contains("at most 8", error.Message);
    }

    [Fact]
    public void ASequenceWhoseConsumerIsBehindIsHeldBack()
    {
        var blocked = new HashSet<Sequence>();
        var harness = new SchedulerHarness(64, 4, new SchedulerOptions(), canRun: s => !blocked.Contains(s));
        var a = harness.Submit(SchedulerHarness.Prompt(3, 10), maxTokens: 10);
        var b = harness.Submit(SchedulerHarness.Prompt(3, 20), maxTokens: 10);
        harness.Step();
        blocked.Add(a);
        Assert.Equal(b, harness.Step().Single().Sequence);
        blocked.Clear();
        Assert.Equal(2, harness.Step().Count);
    }

    [Fact]
    public void AWaitingSequenceWhoseConsumerIsBehindIsPassedOverNotWaitedFor()
    {
        var blocked = new HashSet<Sequence>();
        var harness = new SchedulerHarness(64, 4, new SchedulerOptions(), canRun: s => !blocked.Contains(s));
        var a = harness.Submit(SchedulerHarness.Prompt(3, 10));
        var b = harness.Submit(SchedulerHarness.Prompt(3, 20));
        blocked.Add(a);
        Assert.Equal(b, harness.Step().Single().Sequence);
        Assert.Equal(SequenceStatus.Waiting, a.Status);
        blocked.Clear();
        Assert.Contains(harness.Step(), e => e.Sequence == a);
    }

    [Fact]
    public void AdmissionReusesCachedPrefixBlocksAndCountsThem()
    {
        var harness = new SchedulerHarness(64, 4, new SchedulerOptions());
        var prompt = SchedulerHarness.Prompt(18);
        harness.Submit(prompt, maxTokens: 1);
        harness.Step();
        var second = harness.Submit(prompt.Concat(new[] { 1, 2 }).ToArray(), maxTokens: 1);

        var step = harness.Step();

        Assert.Equal((second, 4, true), step.Single());
        Assert.Equal(16, second.CachedPromptTokens);
        Assert.Equal(16, harness.Scheduler.PrefixHitTokens);
        Assert.Equal(18 + 20, harness.Scheduler.PrefixQueriedTokens);
    }

    [Fact]
    public void ARequestOfManySequences_YieldsTheNextFreeSlotToAnotherRequest_InsteadOfQueueingItBehindAllOfItsOwn()
    {
        var harness = new SchedulerHarness(256, 4, new SchedulerOptions { MaxNumSeqs = 2 });
        var big = Enumerable.Range(0, 10).Select(i => harness.Submit(SchedulerHarness.Prompt(3, 100 * i), maxTokens: 2, group: "big")).ToList();
        harness.Step();
        var small = harness.Submit(SchedulerHarness.Prompt(3, 5000), maxTokens: 2, group: "small");

        // The first two of "big" finish after their second token; the freed slots go to "small" first, then "big" again.
        harness.Step();
        var next = harness.Step();

        Assert.Contains(next, e => e.Sequence == small);
        Assert.Contains(next, e => e.Sequence == big[2]);
        Assert.DoesNotContain(next, e => e.Sequence == big[3]);
    }

    [Fact]
    public void SequencesWithoutAGroup_AreAdmittedFirstComeFirstServed()
    {
        var harness = new SchedulerHarness(256, 4, new SchedulerOptions { MaxNumSeqs = 2 });
        var sequences = Enumerable.Range(0, 4).Select(i => harness.Submit(SchedulerHarness.Prompt(3, 100 * i), maxTokens: 2)).ToList();

        Assert.Equal([sequences[0], sequences[1]], harness.Step().Select(e => e.Sequence));
        harness.Step();
        Assert.Equal([sequences[2], sequences[3]], harness.Step().Select(e => e.Sequence));
    }
}
