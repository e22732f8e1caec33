namespace Platform.Engine.Tokenizers.PreTokenization;

/// <summary>`Sequence`: each pre-tokenizer splits the words the previous one produced.</summary>
internal sealed class SequencePreTokenizer(IReadOnlyList<IPreTokenizer> steps) : IPreTokenizer
{
    public void Split(PreToken piece, List<PreToken> output)
    {
        List<PreToken> current = [piece];
        List<PreToken> next = [];
        foreach (var step in steps)
        {
            next.Clear();
            foreach (var word in current)
                step.Split(word, next);
            (current, next) = (next, current);
        }
        output.AddRange(current);
    }
}
