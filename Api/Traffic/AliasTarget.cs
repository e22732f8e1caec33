namespace Platform.Api.Traffic;

/// <summary>One served model an alias sends traffic to, and its integer weight among the alias's targets.</summary>
public sealed record AliasTarget(string Model, int Weight);
