namespace Platform.Grains.Interfaces.Tenants;

/// <summary>
/// Tokens one request used. <see cref="CachedTokens"/> is the part of <see cref="PromptTokens"/> served from the prefix
/// cache (as in OpenAI's usage), so <see cref="Total"/>, what limits and budgets count, includes it at full weight.
/// </summary>
[GenerateSerializer, Alias("platform.TenantTokens")]
public sealed record TenantTokens([property: Id(0)] long PromptTokens, [property: Id(1)] long CachedTokens, [property: Id(2)] long CompletionTokens)
{
    public static readonly TenantTokens Zero = new(0, 0, 0);

    /// <summary>Prompt plus completion tokens.</summary>
    public long Total => PromptTokens + CompletionTokens;
}
