namespace Platform.Grains.Interfaces.Tenants;

/// <summary>A tenant's usage over one UTC day or month: requests admitted and the tokens they used.</summary>
[GenerateSerializer, Alias("platform.UsagePeriod")]
public sealed record UsagePeriod(
    [property: Id(0)] DateTimeOffset Start,
    [property: Id(1)] DateTimeOffset End,
    [property: Id(2)] long Requests,
    [property: Id(3)] TenantTokens Tokens)
{
    /// <summary>The same period with one more admitted request.</summary>
    public UsagePeriod AddRequest() => this with { Requests = Requests + 1 };

    /// <summary>The same period with <paramref name="used"/> added.</summary>
    public UsagePeriod Add(TenantTokens used) => this with
    {
        Tokens = new TenantTokens(Tokens.PromptTokens + used.PromptTokens, Tokens.CachedTokens + used.CachedTokens,
            Tokens.CompletionTokens + used.CompletionTokens),
    };
}
