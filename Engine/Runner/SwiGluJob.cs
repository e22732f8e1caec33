using Platform.Kernels.Activations;
using Platform.Kernels.Threading;

namespace Platform.Engine.Runner;

/// <summary>The feed-forward gate silu(gate) · up over a step's tokens, into the gate buffer, split by tokens across workers.</summary>
internal sealed unsafe class SwiGluJob(int intermediateSize) : IParallelWork
{
    /// <summary>Tokens below which a run is not worth handing to another worker (a token is intermediateSize exponentials).</summary>
    private const int TokensPerChunk = 8;

    private float* _gate, _up;
    private int _tokens;

    /// <summary>Sets the next run over <paramref name="tokens"/> rows of <paramref name="gate"/> and <paramref name="up"/>; returns its chunk count.</summary>
    public int Plan(float* gate, float* up, int tokens)
    {
        _gate = gate;
        _up = up;
        _tokens = tokens;
        return Math.Clamp(tokens / TokensPerChunk, 1, 8);
    }

    public void Execute(int chunk, int chunkCount, int worker)
    {
        long from = (long)_tokens * chunk / chunkCount * intermediateSize, to = (long)_tokens * (chunk + 1) / chunkCount * intermediateSize;
        var count = checked((int)(to - from));
        var gate = new Span<float>(_gate + from, count);
        SwiGlu.Apply(gate, new ReadOnlySpan<float>(_up + from, count), gate);
    }
}
