using Platform.Engine.Tokenizers;
using Platform.Engine.Tokenizers.Models;

namespace Platform.Engine.Tests.Tokenizers;

public class WorkspaceRetentionTests
{
    [Theory]
    [InlineData("gpt2")]
    [InlineData("llama2")]
    public async Task EncodingAHugeInput_LeavesNoHugeBuffersOnTheThread(string tokenizerName)
    {
        var tokenizer = TokenizerLoader.Load(SharedData.Path($"tokenizers/{tokenizerName}/tokenizer.json"));
        // One 200,000-character word (no spaces to split on) and 50,000 short words: each grew a thread's buffers to its size.
        var word = string.Concat(Enumerable.Range(0, 200_000).Select(i => (char)('a' + i * 7 % 26)));
        var words = string.Join(' ', Enumerable.Range(0, 50_000).Select(i => $"w{i}"));

        var (workspace, wordList, count) = await Task.Factory.StartNew(() =>
        {
            var n = tokenizer.Encode(word, addSpecialTokens: false).Length + tokenizer.Encode(words, addSpecialTokens: false).Length;
            return (BpeModel.RetainedWorkspaceCapacity, Tokenizer.RetainedWordCapacity, n);
        }, TaskCreationOptions.LongRunning);

        Assert.True(count > 50_000);
        Assert.InRange(workspace, 0, BpeWorkspace.RetainedCapacity);
        Assert.InRange(wordList, 0, 4096);
    }
}
