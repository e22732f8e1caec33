using Platform.Engine.Cache;
using Platform.Engine.Scheduling;

namespace Platform.Engine.Tests.Scheduling;

/// <summary>Drives a scheduler without a model: every logits row "samples" token 7 and sequences end at a token limit.</summary>
internal sealed class SchedulerHarness
{
    private long _arrivals;

    public SchedulerHarness(int numBlocks, int blockSize, SchedulerOptions options, bool prefixCaching = true, Predicate<Sequence>? canRun = null)
    {
        Kv = new KvBlockManager(numBlocks, blockSize, prefixCaching, "test-model");
        Scheduler = new Scheduler(Kv, options, canRun);
    }

    public KvBlockManager Kv { get; }

    public Scheduler Scheduler { get; }

    public Dictionary<Sequence, int> MaxTokens { get; } = new();

    public Sequence Submit(int[] prompt, int maxTokens = 4, int priority = 0, string? group = null)
    {
        var sequence = new Sequence($"r{_arrivals}", prompt, Kv.CreateTable(), _arrivals++, priority, group: group);
        Scheduler.Add(sequence);
        MaxTokens[sequence] = maxTokens;
        return sequence;
    }

    /// <summary>Runs one step and returns (sequence, tokens computed, logits?) for each entry.</summary>
    public List<(Sequence Sequence, int Tokens, bool Logits)> Step()
    {
        var batch = Scheduler.Schedule();
        var entries = new List<(Sequence, int, bool)>();
        for (var i = 0; i < batch.Count; i++)
            entries.Add((batch.SequenceAt(i), batch.TokenCountAt(i), batch.ComputesLogitsAt(i)));
        Scheduler.CompleteStep(batch);
        foreach (var (sequence, _, logits) in entries)
        {
            if (!logits)
                continue;
            sequence.Append(7, 0);
            if (sequence.GeneratedCount >= MaxTokens[sequence])
                Scheduler.Finish(sequence);
        }
        return entries;
    }

    public static int[] Prompt(int length, int first = 1000) => Enumerable.Range(first, length).ToArray();
}
