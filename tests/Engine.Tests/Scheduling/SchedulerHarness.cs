using Platform.Engine.Cache;
using Platform.Engine.Scheduling;

namespace Platform.Engine.Tests.Scheduling;

/// <summary>Drives a scheduler without a model: every logits row "samples" token 7 and sequences end at a token limit.</summary>
internal sealed class SchedulerHarness
{
    private long _arrivals;
    private readonly Func<int, TimeSpan>? _stepTime;

    /// <summary>
    /// A harness on <paramref name="clock"/> (the system's by default); <paramref name="stepTime"/>, when given, is how
    /// long a step of that many tokens takes on it.
    /// </summary>
    public SchedulerHarness(int numBlocks, int blockSize, SchedulerOptions options, bool prefixCaching = true, Predicate<Sequence>? canRun = null,
        ManualClock? clock = null, Func<int, TimeSpan>? stepTime = null)
    {
        Kv = new KvBlockManager(numBlocks, blockSize, prefixCaching, "test-model");
        // A clock of its own by default: the system's would teach the step cost model noise and make steps differ run to run.
        Clock = clock ?? new ManualClock();
        _stepTime = stepTime;
        Scheduler = new Scheduler(Kv, options, canRun, Clock);
    }

    public ManualClock Clock { get; }

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

    /// <summary>Entries of the last step that decoded one token of a sequence past its prompt.</summary>
    public int LastStepDecodes { get; private set; }

    /// <summary>Tokens of the last step that filled prompts (chunks of sequences not yet past their prompt).</summary>
    public int LastStepPrefillTokens { get; private set; }

    /// <summary>Runs one step and returns (sequence, tokens computed, logits?) for each entry.</summary>
    public List<(Sequence Sequence, int Tokens, bool Logits)> Step()
    {
        var batch = Scheduler.Schedule();
        if (_stepTime is not null)
            Clock.Advance(_stepTime(batch.TokenCount));
        var entries = new List<(Sequence, int, bool)>();
        LastStepDecodes = LastStepPrefillTokens = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            var sequence = batch.SequenceAt(i);
            entries.Add((sequence, batch.TokenCountAt(i), batch.ComputesLogitsAt(i)));
            if (sequence.ComputedCount < sequence.PromptLength)
                LastStepPrefillTokens += batch.TokenCountAt(i);
            else if (sequence.PendingCount == 1)
                LastStepDecodes++;
        }
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
