namespace Platform.Silo.Benchmarks;

/// <summary>The shape of `platform bench serve`'s multi-tenant chat workload: tenants with long system prompts, their users' multi-turn chats.</summary>
public sealed record TenantWorkloadOptions
{
    // Chat templates add a few tokens around each message; only the context-length check uses this.
    private const int TemplateTokensPerMessage = 8;
    // Seeds of each kind of text live in their own range, so no user message can repeat a system prompt.
    internal const int SeedRange = 1 << 28;

    public int Tenants { get; init; } = 4;

    /// <summary>About this many tokens of tenant-specific system prompt.</summary>
    public int SystemPromptTokens { get; init; } = 512;

    /// <summary>Users per tenant.</summary>
    public int Users { get; init; } = 4;

    /// <summary>Turns each user chats, in order, each resending the history.</summary>
    public int Turns { get; init; } = 4;

    /// <summary>About this many tokens of new text per user turn.</summary>
    public int UserTokens { get; init; } = 32;

    /// <summary>`max_tokens` of every turn (greedy).</summary>
    public int MaxTokens { get; init; } = 128;

    /// <summary>Most users chatting at once; null for all of them.</summary>
    public int? Concurrency { get; init; }

    public int UserCount => Tenants * Users;

    public int RequestCount => UserCount * Turns;

    /// <summary>Users chatting at once: the cap, or everyone.</summary>
    public int ConcurrentUsers => Math.Min(Concurrency ?? UserCount, UserCount);

    /// <summary>About the most context a last turn can need: its prompt (system, every message so far) plus its output.</summary>
    public int LastTurnContextTokens =>
        SystemPromptTokens + TemplateTokensPerMessage + Turns * (UserTokens + TemplateTokensPerMessage) + (Turns - 1) * (MaxTokens + TemplateTokensPerMessage) + MaxTokens;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad value.</summary>
    public void Validate()
    {
        Positive(Tenants, "--tenants");
        Positive(SystemPromptTokens, "--system-prompt-tokens");
        Positive(Users, "--users");
        Positive(Turns, "--turns");
        Positive(UserTokens, "--user-tokens");
        Positive(MaxTokens, "--max-tokens");
        if (Concurrency is < 1)
            throw new ArgumentException($"--concurrency must be positive, got {Concurrency}.");
        if ((long)Tenants * Users * Turns >= SeedRange)
            throw new ArgumentException($"{Tenants} tenants x {Users} users x {Turns} turns is more than this benchmark numbers.");
    }

    private static void Positive(int value, string flag)
    {
        if (value < 1)
            throw new ArgumentException($"{flag} must be positive, got {value}.");
    }
}
