using Platform.Engine.Runner;
using Platform.Kernels.Attention;

namespace Platform.Engine.Tests.Generation;

/// <summary>Passes every batch to the real runner and counts the tokens it computed.</summary>
public sealed class CountingRunner(IModelRunner inner) : IModelRunner
{
    private long _tokens;

    public long ComputedTokens => Interlocked.Read(ref _tokens);

    public int VocabSize => inner.VocabSize;

    public int BlockSize => inner.BlockSize;

    public int NumBlocks => inner.NumBlocks;

    public long BytesPerBlock => inner.BytesPerBlock;

    public KvCacheDtype KvCacheDtype => inner.KvCacheDtype;

    public void Forward(ReadOnlySpan<SequenceSlice> batch, Span<float> logits)
    {
        foreach (var slice in batch)
            Interlocked.Add(ref _tokens, slice.Tokens.Length);
        inner.Forward(batch, logits);
    }

    public void Dispose() => inner.Dispose();
}
