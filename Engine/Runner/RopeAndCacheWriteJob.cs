using System.Numerics.Tensors;
using Platform.Engine.Models;
using Platform.Engine.Models.Weights;
using Platform.Kernels.Positional;
using Platform.Kernels.Threading;

namespace Platform.Engine.Runner;

/// <summary>
/// One layer's step between the QKV projection and attention, token by token: biases, RoPE on queries and keys, and the
/// key and value written to the cache. Tokens are independent, so a prefill chunk splits into contiguous runs across workers.
/// </summary>
internal sealed unsafe class RopeAndCacheWriteJob(ModelConfig config, RotaryEmbedding rope, PagedKvCache cache, ForwardBuffers buffers) : IParallelWork
{
    /// <summary>Tokens below which a run is not worth handing to another worker.</summary>
    private const int TokensPerChunk = 32;

    private LayerWeights _weights = null!;
    private int _layer, _tokens;

    /// <summary>Sets the layer and token count of the next run; returns how many chunks to split it into.</summary>
    public int Plan(int layer, LayerWeights weights, int tokens)
    {
        (_layer, _weights, _tokens) = (layer, weights, tokens);
        return Math.Clamp(tokens / TokensPerChunk, 1, 8);
    }

    public void Execute(int chunk, int chunkCount, int worker)
    {
        var b = buffers;
        int q = config.NumHeads * config.HeadDim, kv = config.NumKvHeads * config.HeadDim, half = config.HeadDim / 2;
        int from = (int)((long)_tokens * chunk / chunkCount), to = (int)((long)_tokens * (chunk + 1) / chunkCount);
        for (var t = from; t < to; t++)
        {
            float* qt = b.Query + (long)t * q, kt = b.Key + (long)t * kv, vt = b.Value + (long)t * kv;
            if (_weights.QueryBias is not null)
            {
                AddBias(qt, _weights.QueryBias);
                AddBias(kt, _weights.KeyBias!);
                AddBias(vt, _weights.ValueBias!);
            }
            float* cos = b.Cos + (long)t * half, sin = b.Sin + (long)t * half;
            rope.Apply(qt, config.NumHeads, kt, config.NumKvHeads, cos, sin);
            var position = b.Positions[t];
            cache.Write(_layer, b.BlockTables[t][position / cache.BlockSize], position % cache.BlockSize, kt, vt);
        }
    }

    private static void AddBias(float* x, float[] bias) => TensorPrimitives.Add(new Span<float>(x, bias.Length), bias, new Span<float>(x, bias.Length));
}
