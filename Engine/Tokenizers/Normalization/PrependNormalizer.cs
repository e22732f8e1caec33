namespace Platform.Engine.Tokenizers.Normalization;

/// <summary>`Prepend`: adds a prefix (SentencePiece's ▁) to every non-empty piece.</summary>
internal sealed class PrependNormalizer(string prefix) : INormalizer
{
    public string Normalize(string text) => text.Length == 0 ? text : prefix + text;
}
