namespace Platform.Api.Audit;

/// <summary>What a served model's tokens cost, per million tokens (in whatever currency the operator prices in).</summary>
/// <param name="Prompt">Per million prompt tokens not served from the prefix cache.</param>
/// <param name="Cached">Per million prompt tokens served from the prefix cache.</param>
/// <param name="Completion">Per million completion tokens.</param>
public sealed record ModelPrice(decimal Prompt, decimal Cached, decimal Completion)
{
    private const decimal Million = 1_000_000m;

    /// <summary>The cost of a call; <paramref name="cached"/> is the part of <paramref name="prompt"/> the cache served (as OpenAI counts it).</summary>
    public decimal CostOf(int prompt, int cached, int completion)
    {
        var hits = Math.Clamp(cached, 0, Math.Max(prompt, 0));
        return ((Math.Max(prompt, 0) - hits) * Prompt + hits * Cached + Math.Max(completion, 0) * Completion) / Million;
    }
}
