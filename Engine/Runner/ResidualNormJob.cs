using System.Numerics.Tensors;
using Platform.Kernels.Normalization;
using Platform.Kernels.Threading;

namespace Platform.Engine.Runner;

/// <summary>
/// Token by token: adds a sublayer's output into the residual stream, then RMS-normalises the stream for the next
/// sublayer. One pass while the token's row is in cache, and a prefill chunk splits across workers.
/// </summary>
internal sealed unsafe class ResidualNormJob(int hiddenSize, float epsilon) : IParallelWork
{
    /// <summary>Tokens below which a run is not worth handing to another worker.</summary>
    private const int TokensPerChunk = 32;

    private float* _hidden, _residual, _normed;
    private float[]? _weight;
    private int _tokens;

    /// <summary>
    /// Sets the next run: <paramref name="residual"/> (or null) is added into <paramref name="hidden"/>, which is then
    /// normalised by <paramref name="weight"/> into <paramref name="normed"/> (no norm when null). Returns its chunk count.
    /// </summary>
    public int Plan(float* hidden, float* residual, float[]? weight, float* normed, int tokens)
    {
        _hidden = hidden;
        _residual = residual;
        _weight = weight;
        _normed = normed;
        _tokens = tokens;
        return Math.Clamp(tokens / TokensPerChunk, 1, 8);
    }

    public void Execute(int chunk, int chunkCount, int worker)
    {
        int from = (int)((long)_tokens * chunk / chunkCount), to = (int)((long)_tokens * (chunk + 1) / chunkCount);
        for (var t = from; t < to; t++)
        {
            var row = new Span<float>(_hidden + (long)t * hiddenSize, hiddenSize);
            if (_residual is not null)
                TensorPrimitives.Add(row, new ReadOnlySpan<float>(_residual + (long)t * hiddenSize, hiddenSize), row);
            if (_weight is not null)
                RmsNorm.Apply(row, _weight, new Span<float>(_normed + (long)t * hiddenSize, hiddenSize), epsilon);
        }
    }
}
