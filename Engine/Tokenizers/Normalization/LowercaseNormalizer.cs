namespace Platform.Engine.Tokenizers.Normalization;

/// <summary>`Lowercase`: invariant lower-casing.</summary>
internal sealed class LowercaseNormalizer : INormalizer
{
    public string Normalize(string text) => text.ToLowerInvariant();
}
