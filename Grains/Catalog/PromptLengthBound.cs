using Platform.Engine.Tokenizers;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Grains.Catalog;

/// <summary>
/// A lower bound on a prompt's token count from its length alone: no token covers more characters than the longest
/// token string in the vocabulary, so a text of C characters needs at least C / longest tokens. It refuses prompts that
/// cannot fit the context before paying for their tokenization (a 10 MB prompt took seconds to tokenize only to be refused).
/// </summary>
public sealed class PromptLengthBound
{
    private readonly int _longestToken;

    public PromptLengthBound(ITokenizer tokenizer)
    {
        var longest = 1;
        for (var id = 0; id < tokenizer.VocabSize; id++)
            longest = Math.Max(longest, tokenizer.IdToToken(id)?.Length ?? 0);
        _longestToken = longest;
    }

    /// <summary>The fewest tokens <paramref name="job"/>'s prompt can encode to (chat templates only add to it).</summary>
    public long MinimumTokens(GenerationJob job)
    {
        long chars = job.PromptText?.Length ?? 0;
        foreach (var message in job.Messages ?? [])
            chars += message.Content.Length;
        return job.PromptTokenIds?.Count ?? chars / _longestToken;
    }
}
