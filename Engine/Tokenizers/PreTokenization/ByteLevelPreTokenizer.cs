using Platform.Engine.Tokenizers.Decoding;

namespace Platform.Engine.Tokenizers.PreTokenization;

/// <summary>`ByteLevel`: optional GPT-2 word split, then every byte spelled in GPT-2's printable alphabet.</summary>
internal sealed class ByteLevelPreTokenizer(bool addPrefixSpace, PatternSplitter? splitter) : IPreTokenizer
{
    [ThreadStatic] private static List<PreToken>? _words;

    public void Split(PreToken piece, List<PreToken> output)
    {
        if (addPrefixSpace && !piece.Text.StartsWith(' '))
            piece = piece with { Text = " " + piece.Text };
        if (splitter is null)
        {
            output.Add(piece with { Text = ByteLevelAlphabet.Encode(piece.Text) });
            return;
        }
        var words = _words ??= [];
        words.Clear();
        splitter.Split(piece, words);
        foreach (var word in words)
            output.Add(word with { Text = ByteLevelAlphabet.Encode(word.Text) });
        // Neither the input's words nor a huge input's list capacity may stay pinned to this thread.
        words.Clear();
        if (words.Capacity > RetainedWords)
            _words = null;
    }

    private const int RetainedWords = 4096;
}
