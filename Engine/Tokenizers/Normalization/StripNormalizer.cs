namespace Platform.Engine.Tokenizers.Normalization;

/// <summary>`Strip`: removes whitespace on the left and/or right.</summary>
internal sealed class StripNormalizer(bool left, bool right) : INormalizer
{
    public string Normalize(string text) => left && right ? text.Trim() : left ? text.TrimStart() : right ? text.TrimEnd() : text;
}
