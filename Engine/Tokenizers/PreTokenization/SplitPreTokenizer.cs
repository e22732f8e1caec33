namespace Platform.Engine.Tokenizers.PreTokenization;

/// <summary>`Split` (and `Digits`): cuts words at a pattern's matches.</summary>
internal sealed class SplitPreTokenizer(PatternSplitter splitter) : IPreTokenizer
{
    public void Split(PreToken piece, List<PreToken> output) => splitter.Split(piece, output);
}
