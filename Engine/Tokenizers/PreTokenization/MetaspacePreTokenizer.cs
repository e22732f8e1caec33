namespace Platform.Engine.Tokenizers.PreTokenization;

/// <summary>`Metaspace`: spaces become ▁, a ▁ is prepended (always, or only at the input's start), optionally split before each ▁.</summary>
internal sealed class MetaspacePreTokenizer(char replacement, PrependScheme scheme, PatternSplitter? splitter) : IPreTokenizer
{
    public void Split(PreToken piece, List<PreToken> output)
    {
        var text = piece.Text.Replace(' ', replacement);
        var prepend = scheme == PrependScheme.Always || (scheme == PrependScheme.First && piece.AtStart);
        if (prepend && !text.StartsWith(replacement))
            text = replacement + text;
        if (splitter is null)
            output.Add(piece with { Text = text });
        else
            splitter.Split(piece with { Text = text }, output);
    }
}
