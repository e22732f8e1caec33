namespace Platform.Silo.Benchmarks;

/// <summary>
/// The texts of the multi-tenant chat workload, each a function of its indices: every tenant's system prompt and every
/// user's message per turn. Word counts come from the tokenizer's tokens per word, so texts have about the asked token counts.
/// </summary>
public sealed class TenantWorkload
{
    private const int SystemSeeds = 1 * TenantWorkloadOptions.SeedRange;
    private const int UserSeeds = 2 * TenantWorkloadOptions.SeedRange;

    /// <summary>A workload for validated <paramref name="options"/>, sized for a tokenizer that makes <paramref name="tokensPerWord"/> tokens of each word.</summary>
    public TenantWorkload(TenantWorkloadOptions options, double tokensPerWord = 1)
    {
        if (!(tokensPerWord > 0) || double.IsInfinity(tokensPerWord))
            throw new ArgumentOutOfRangeException(nameof(tokensPerWord), tokensPerWord, "tokens per word must be positive.");
        Options = options;
        TokensPerWord = tokensPerWord;
        SystemPromptWords = WordsFor(options.SystemPromptTokens, tokensPerWord);
        UserMessageWords = WordsFor(options.UserTokens, tokensPerWord);
    }

    public TenantWorkloadOptions Options { get; }

    public double TokensPerWord { get; }

    public int SystemPromptWords { get; }

    public int UserMessageWords { get; }

    /// <summary>Tenant <paramref name="tenant"/>'s system prompt: its own words from the first, so tenants share no cacheable prefix beyond the chat template's.</summary>
    public string SystemPrompt(int tenant) => BenchPrompt.Make(SystemPromptWords, SystemSeeds + Check(tenant, Options.Tenants, "tenant"));

    /// <summary>What user <paramref name="user"/> of <paramref name="tenant"/> says in turn <paramref name="turn"/> (0-based).</summary>
    public string UserMessage(int tenant, int user, int turn)
    {
        var index = (Check(tenant, Options.Tenants, "tenant") * Options.Users + Check(user, Options.Users, "user")) * Options.Turns + Check(turn, Options.Turns, "turn");
        return BenchPrompt.Make(UserMessageWords, UserSeeds + index);
    }

    /// <summary>Every (tenant, user), in the order they start: tenants take turns, so a concurrency cap still lets every tenant chat.</summary>
    public IEnumerable<(int Tenant, int User)> Users()
    {
        for (var u = 0; u < Options.Users; u++)
            for (var t = 0; t < Options.Tenants; t++)
                yield return (t, u);
    }

    /// <summary>The word count that makes about <paramref name="tokens"/> tokens.</summary>
    public static int WordsFor(int tokens, double tokensPerWord) => Math.Max(1, (int)Math.Round(tokens / tokensPerWord));

    private static int Check(int index, int count, string what) =>
        index >= 0 && index < count ? index : throw new ArgumentOutOfRangeException(what, index, $"the workload has {count} of them.");
}
