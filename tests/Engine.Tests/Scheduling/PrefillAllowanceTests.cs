using Platform.Engine.Scheduling;

namespace Platform.Engine.Tests.Scheduling;

/// <summary>How much prompt work a step that also decodes may carry: the latency budget, the long-wait relaxation and its allowance.</summary>
public class PrefillAllowanceTests
{
    private static readonly TimeSpan Never = TimeSpan.FromHours(1);

    // Factor 2 with a fixed cost of 4 tokens: a step of d decodes may prefill (2d + 4) - d = d + 4 tokens (steps of
    // any size, unless a test sets a token group).
    private static SchedulerOptions Options(TimeSpan? longWait = null, int cap = 512, double factor = 2, int group = 1) => new()
    {
        MaxNumBatchedTokens = 64, MaxPrefillTokensWithDecodes = cap, DecodeLatencyFactor = factor, StepFixedCostTokens = 4,
        LongPrefillWait = longWait ?? Never, StepTokenGroup = group,
    };

    private static SchedulerHarness Harness(SchedulerOptions options, Func<int, TimeSpan>? stepTime = null, int maxNumSeqs = 64) =>
        new(256, 4, options with { MaxNumSeqs = maxNumSeqs }, stepTime: stepTime);

    // Two streams past their prompts, decoding for many steps.
    private static void StartDecoding(SchedulerHarness harness, int streams = 2)
    {
        for (var i = 0; i < streams; i++)
            harness.Submit(SchedulerHarness.Prompt(4, 100 * (i + 1)), maxTokens: 1000);
        harness.Step();
    }

    // The prompt tokens each of the next steps computes.
    private static List<int> PrefillOfSteps(SchedulerHarness harness, int steps)
    {
        var prefilled = new List<int>();
        for (var step = 0; step < steps; step++)
        {
            harness.Step();
            prefilled.Add(harness.LastStepPrefillTokens);
        }
        return prefilled;
    }

    [Fact]
    public void AStepThatDecodesPrefillsWhatKeepsItWithinTheLatencyFactorOfItsDecodes()
    {
        var harness = Harness(Options());
        StartDecoding(harness);
        for (var i = 0; i < 3; i++)
            harness.Submit(SchedulerHarness.Prompt(20, 1000 * (i + 1)), maxTokens: 100);

        var prefilled = new List<(int Decodes, int Prefill)>();
        for (var step = 0; step < 10; step++)
        {
            harness.Step();
            prefilled.Add((harness.LastStepDecodes, harness.LastStepPrefillTokens));
        }

        // Each prompt that finishes joins the decodes and so earns the next steps one more prefill token; a prompt's
        // last token rides with the decodes, so the step that completes it carries the next prompt's chunk too.
        Assert.Equal([(2, 6), (2, 6), (2, 6), (2, 6), (3, 7), (3, 7), (3, 7), (4, 8), (4, 7), (5, 0)], prefilled);
    }

    [Fact]
    public void TheLatencyBudgetRoundsAStepUpToWholeTokenGroups()
    {
        var harness = Harness(Options(group: 8));
        StartDecoding(harness, streams: 3);
        harness.Submit(SchedulerHarness.Prompt(40, 1000));

        harness.Step();

        // 3 decodes may take 3 + 4 = 7 prefill tokens, 10 in all; the group of 8 rounds the step up to 16.
        Assert.Equal(3, harness.LastStepDecodes);
        Assert.Equal(13, harness.LastStepPrefillTokens);
    }

    [Fact]
    public void WithoutDecodesPrefillTakesTheWholeBudget()
    {
        var harness = Harness(Options(cap: 8));
        for (var i = 0; i < 3; i++)
            harness.Submit(SchedulerHarness.Prompt(30, 1000 * (i + 1)));

        var step = harness.Step();

        Assert.Equal(0, harness.LastStepDecodes);
        Assert.Equal(64, harness.LastStepPrefillTokens);
        Assert.Equal([30, 30, 4], step.Select(e => e.Tokens));
    }

    [Fact]
    public void TheStepCostLearntFromMeasuredStepsSetsTheBudget()
    {
        // 10 ms + 1 ms a token: the fixed cost is 10 tokens' worth, where the prior said 4.
        var harness = Harness(Options(), stepTime: tokens => TimeSpan.FromMilliseconds(10 + tokens));
        harness.Submit(SchedulerHarness.Prompt(40, 5000));
        StartDecoding(harness);
        harness.Submit(SchedulerHarness.Prompt(200, 9000));

        harness.Step();
        harness.Step();

        Assert.Equal(10, harness.Scheduler.StepFixedCostTokens, precision: 6);
        Assert.Equal(3, harness.LastStepDecodes);
        Assert.Equal(3 + 10, harness.LastStepPrefillTokens);
    }

    [Fact]
    public void TheHardCapBoundsEveryStepThatDecodesTheLongWaitRelaxationToo()
    {
        var harness = Harness(Options(longWait: TimeSpan.Zero, cap: 3));
        StartDecoding(harness);
        harness.Submit(SchedulerHarness.Prompt(40));

        harness.Step();

        Assert.Equal(2, harness.LastStepDecodes);
        Assert.Equal(3, harness.LastStepPrefillTokens);
    }

    [Fact]
    public void QueuedPromptsAreAllAnsweredBehindLongDecodesEvenAtTheTightestFactor()
    {
        // Factor 1 leaves no room beside the decodes; prompts still advance one token a step.
        var harness = Harness(Options(factor: 1) with { StepFixedCostTokens = 0 }, maxNumSeqs: 8);
        StartDecoding(harness);
        var queued = Enumerable.Range(0, 4).Select(i => harness.Submit(SchedulerHarness.Prompt(3, 1000 * (i + 1)), maxTokens: 2)).ToList();

        var firstTokenSteps = new int[queued.Count];
        for (var step = 1; step <= 12; step++)
        {
            harness.Step();
            Assert.InRange(harness.LastStepPrefillTokens, 0, 2);
            for (var i = 0; i < queued.Count; i++)
                if (firstTokenSteps[i] == 0 && queued[i].GeneratedCount > 0)
                    firstTokenSteps[i] = step;
        }

        // Two prompt tokens a step at most: one chunk, and a prompt's last token, which rides with the decodes.
        Assert.Equal([3, 5, 7, 9], firstTokenSteps);
    }

    [Fact]
    public void APromptThatHasWaitedLongTakesTheFullBudgetBesideDecodes()
    {
        var harness = Harness(Options(longWait: TimeSpan.FromMilliseconds(100)), stepTime: _ => TimeSpan.FromMilliseconds(30));
        StartDecoding(harness);
        var prompt = harness.Submit(SchedulerHarness.Prompt(60));

        var prefilled = PrefillOfSteps(harness, 5);

        // Queued at 30 ms: steps at 30, 60, 90 and 120 ms keep the latency budget; at 130 ms it has waited 100.
        Assert.Equal([6, 6, 6, 6, 36], prefilled);
        Assert.Equal(1, prompt.GeneratedCount);
    }

    [Fact]
    public void TheLongWaitRelaxationStopsWhenTheSlowAllowanceIsSpent()
    {
        var harness = Harness(Options(longWait: TimeSpan.Zero) with { SlowDecodeBurst = 2, SlowDecodeShare = 0 });
        StartDecoding(harness);
        harness.Submit(SchedulerHarness.Prompt(200));

        var prefilled = PrefillOfSteps(harness, 3);

        Assert.Equal([62, 6, 6], prefilled);
        Assert.Equal(0, harness.Scheduler.SlowDecodeAllowance);
    }

    [Fact]
    public void DecodedTokensEarnTheSlowAllowanceBack()
    {
        // Each step of two decodes earns 0.5; a slow step costs 2 and may run while anything is left.
        var harness = Harness(Options(longWait: TimeSpan.Zero) with { SlowDecodeBurst = 2, SlowDecodeShare = 0.25 });
        StartDecoding(harness);
        harness.Submit(SchedulerHarness.Prompt(400));

        var prefilled = PrefillOfSteps(harness, 6);

        // Allowance after each step: 0.5, -1, -0.5, 0, 0.5, -1.
        Assert.Equal([62, 62, 6, 6, 6, 62], prefilled);
        Assert.Equal(-1, harness.Scheduler.SlowDecodeAllowance);
    }

    [Theory]
    [InlineData("max_prefill_tokens_with_decodes")]
    [InlineData("decode_latency_factor")]
    [InlineData("long_prefill_wait")]
    [InlineData("slow_decode_share")]
    [InlineData("slow_decode_burst")]
    [InlineData("step_fixed_cost_tokens")]
    [InlineData("step_token_group")]
    public void OutOfRangeStepBudgetSettingsAreRefusedByName(string name)
    {
        var options = name switch
        {
            "max_prefill_tokens_with_decodes" => new SchedulerOptions { MaxPrefillTokensWithDecodes = 0 },
            "decode_latency_factor" => new SchedulerOptions { DecodeLatencyFactor = 0.9 },
            "long_prefill_wait" => new SchedulerOptions { LongPrefillWait = TimeSpan.FromMilliseconds(-1) },
            "slow_decode_share" => new SchedulerOptions { SlowDecodeShare = 1 },
            "slow_decode_burst" => new SchedulerOptions { SlowDecodeBurst = -1 },
            "step_token_group" => new SchedulerOptions { StepTokenGroup = 0 },
            _ => new SchedulerOptions { StepFixedCostTokens = double.NaN },
        };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains(name, error.Message);
    }
}
