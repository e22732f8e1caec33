using Platform.Silo.Benchmarks;

namespace Platform.Silo.Tests.Benchmarks;

public class TenantWorkloadTests
{
    private static readonly TenantWorkloadOptions Options = new() { Tenants = 3, SystemPromptTokens = 100, Users = 2, Turns = 3, UserTokens = 10, MaxTokens = 8 };

    [Fact]
    public void EachTenantHasItsOwnSystemPromptFromTheFirstWordAndTheSameOneEveryTime()
    {
        var workload = new TenantWorkload(Options);

        var prompts = Enumerable.Range(0, 3).Select(workload.SystemPrompt).ToList();

        Assert.Equal(prompts, Enumerable.Range(0, 3).Select(new TenantWorkload(Options).SystemPrompt));
        Assert.All(prompts, p => Assert.Equal(100, p.Split(' ').Length));
        // Distinct first words: tenants share no prefix-cache block beyond what the chat template puts before the text.
        Assert.Equal(3, prompts.Select(p => string.Join(' ', p.Split(' ').Take(4))).Distinct().Count());
    }

    [Fact]
    public void EveryUserTurnSaysSomethingNewAndNoUserMessageRepeatsASystemPrompt()
    {
        var workload = new TenantWorkload(Options);

        var messages = (from t in Enumerable.Range(0, 3) from u in Enumerable.Range(0, 2) from k in Enumerable.Range(0, 3) select workload.UserMessage(t, u, k)).ToList();

        Assert.Equal(18, messages.Distinct().Count());
        Assert.All(messages, m => Assert.Equal(10, m.Split(' ').Length));
        Assert.All(messages, m => Assert.DoesNotContain(string.Join(' ', m.Split(' ').Take(4)), workload.SystemPrompt(0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => workload.UserMessage(0, 0, 3));
    }

    [Fact]
    public void WordCountsFollowTheTokenizersTokensPerWord()
    {
        var workload = new TenantWorkload(Options, tokensPerWord: 1.25);

        Assert.Equal((80, 8), (workload.SystemPromptWords, workload.UserMessageWords));
        Assert.Equal(80, workload.SystemPrompt(1).Split(' ').Length);
        Assert.Equal(1, TenantWorkload.WordsFor(1, 4.0));
    }

    [Fact]
    public void UsersStartTenantByTenantSoACapStillLetsEveryTenantChat()
    {
        var order = new TenantWorkload(Options).Users().ToList();

        Assert.Equal([(0, 0), (1, 0), (2, 0), (0, 1), (1, 1), (2, 1)], order);
    }

    [Fact]
    public void TheCapDefaultsToEveryUserAndTheLastTurnsContextCountsTheWholeHistory()
    {
        Assert.Equal(6, Options.ConcurrentUsers);
        Assert.Equal(2, (Options with { Concurrency = 2 }).ConcurrentUsers);
        Assert.Equal(18, Options.RequestCount);
        // system + 3 user turns + 2 replies in the prompt, then the last reply.
        Assert.True(Options.LastTurnContextTokens >= 100 + 3 * 10 + 3 * 8, $"{Options.LastTurnContextTokens}");
    }

    [Theory]
    [InlineData(0, 1, 1, "--tenants")]
    [InlineData(1, 0, 1, "--users")]
    [InlineData(1, 1, 0, "--turns")]
    public void ANonPositiveSizeIsRefusedByItsFlag(int tenants, int users, int turns, string flag)
    {
        var error = Assert.Throws<ArgumentException>(() => (Options with { Tenants = tenants, Users = users, Turns = turns }).Validate());

        Assert.Contains(flag, error.Message);
    }
}
