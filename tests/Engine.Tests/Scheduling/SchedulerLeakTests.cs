using Platform.Engine.Scheduling;

namespace Platform.Engine.Tests.Scheduling;

public class SchedulerLeakTests
{
    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    public void ThousandsOfRandomSubmitsCancelsAndStepsNeverLeakOrDoubleCountBlocks(int seed, bool prefixCaching)
    {
        var random = new Random(seed);
        var harness = new SchedulerHarness(12, 4, new SchedulerOptions { MaxNumSeqs = 4, MaxNumBatchedTokens = 10 }, prefixCaching);
        var live = new List<Sequence>();
        var shared = SchedulerHarness.Prompt(24);
        for (var op = 0; op < 4000; op++)
        {
            var roll = random.Next(10);
            if (roll < 3)
            {
                // Half the prompts share a prefix so cached blocks are hit, shared and evicted.
                var length = random.Next(1, 30);
                var prompt = random.Next(2) == 0
                    ? shared.Take(Math.Min(length, shared.Length)).Append(random.Next(50)).ToArray()
                    : Enumerable.Range(0, length).Select(_ => random.Next(50)).ToArray();
                live.Add(harness.Submit(prompt, maxTokens: random.Next(1, 12)));
            }
            else if (roll < 5 && live.Count > 0)
            {
                var victim = live[random.Next(live.Count)];
                harness.Scheduler.Finish(victim);
            }
            else
            {
                harness.Step();
            }
            live.RemoveAll(s => s.Status == SequenceStatus.Finished);
            AssertBlocksMatchReferences(harness, live);
        }
        foreach (var sequence in live)
            harness.Scheduler.Finish(sequence);
        Assert.Equal(0, harness.Kv.Pool.UsedBlocks);
        Assert.Equal(12, harness.Kv.Pool.FreeBlocks);
        Assert.True(harness.Scheduler.Preemptions > 0);
        if (prefixCaching)
            Assert.True(harness.Scheduler.PrefixHitTokens > 0);
    }

    private static void AssertBlocksMatchReferences(SchedulerHarness harness, List<Sequence> live)
    {
        var references = new Dictionary<int, int>();
        foreach (var sequence in live)
        {
            if (sequence.Status == SequenceStatus.Waiting)
                Assert.Equal(0, sequence.Blocks.Count);
            foreach (var block in sequence.Blocks.Span)
                references[block] = references.GetValueOrDefault(block) + 1;
        }
        Assert.Equal(references.Count, harness.Kv.Pool.UsedBlocks);
        foreach (var (block, count) in references)
            Assert.Equal(count, harness.Kv.Pool.RefCount(block));
    }
}
