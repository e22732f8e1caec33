using Platform.Engine.Runner;
using Platform.Kernels.Sampling;

namespace Platform.Engine.Tests.Runner;

/// <summary>Test helper: prefill a prompt into consecutive cache blocks, then decode greedily one token at a time.</summary>
internal sealed class GreedyDecoder(IModelRunner runner)
{
    private readonly int[] _table = Enumerable.Range(0, runner.NumBlocks).ToArray();

    /// <summary>Logits after the prompt, and the greedy continuation of <paramref name="count"/> tokens.</summary>
    public (float[] PromptLogits, List<int> Generated) Run(int[] prompt, int count)
    {
        var logits = new float[runner.VocabSize];
        runner.Forward([new SequenceSlice(prompt, 0, _table, true)], logits);
        var promptLogits = logits.ToArray();
        var generated = new List<int>();
        var position = prompt.Length;
        while (generated.Count < count)
        {
            var next = ArgMax.Of(logits);
            generated.Add(next);
            if (generated.Count == count) break;
            runner.Forward([new SequenceSlice(new[] { next }, position++, _table, true)], logits);
        }
        return (promptLogits, generated);
    }
}
