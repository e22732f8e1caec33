namespace Platform.Engine.Tokenizers.Normalization;

/// <summary>A text rewrite applied before pre-tokenization (Hugging Face `normalizer`).</summary>
internal interface INormalizer
{
    string Normalize(string text);
}
