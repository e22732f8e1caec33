namespace Platform.Engine.Tokenizers.PreTokenization;

/// <summary>Splits normalized text into words the model tokenizes independently (Hugging Face `pre_tokenizer`).</summary>
internal interface IPreTokenizer
{
    void Split(PreToken piece, List<PreToken> output);
}
