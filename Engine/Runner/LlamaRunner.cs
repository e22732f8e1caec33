using System.Buffers;
using System.Runtime.CompilerServices;
using Platform.Engine.Models;
using Platform.Engine.Models.Weights;
using Platform.Kernels.Activations;
using Platform.Kernels.Attention;
using Platform.Kernels.Diagnostics;
using Platform.Kernels.MatMul;
using Platform.Kernels.Normalization;
using Platform.Kernels.Positional;
using Platform.Kernels.Threading;
using Platform.Kernels.Weights;

namespace Platform.Engine.Runner;

/// <summary>
/// The forward pass of a Llama-family decoder over a paged KV cache. All tokens of the batch (prefill chunks and
/// single decode tokens of different sequences) go through each weight matrix together, so weights are read once
/// per layer per step; attention then reads each token's own sequence from the cache.
/// </summary>
internal sealed unsafe class LlamaRunner : IModelRunner
{
    private readonly LoadedModel _model;
    private readonly ModelConfig _c;
    private readonly ModelWeights _w;
    private readonly PagedKvCache _cache;
    private readonly MatMulKernel _matmul;
    private readonly PagedAttentionJob _attention;
    private readonly RotaryEmbedding _rope;
    private readonly RopeAndCacheWriteJob _ropeAndCacheWrite;
    private readonly ResidualNormJob _residualNorm;
    private readonly SwiGluJob _swiGlu;
    private readonly WorkerPool _pool;
    private readonly ForwardBuffers _buffers;
    private readonly Lock _gate = new();
    private MemoryHandle[] _pins = new MemoryHandle[16];
    private bool _disposed;

    public LlamaRunner(LoadedModel model, KvCacheOptions options, WorkerPool? pool = null)
    {
        _model = model;
        _c = model.Config;
        _w = model.Weights;
        _pool = pool ?? WorkerPool.Shared;
        _cache = new PagedKvCache(_c.NumLayers, _c.NumKvHeads, _c.HeadDim, options);
        _matmul = new MatMulKernel(_pool);
        _rope = new RotaryEmbedding(_c.HeadDim, _c.RopeTheta, _c.RopeStyle, _c.RopeScaling);
        _buffers = new ForwardBuffers(_c);
        _ropeAndCacheWrite = new RopeAndCacheWriteJob(_c, _rope, _cache, _buffers);
        _residualNorm = new ResidualNormJob(_c.HiddenSize, _c.RmsNormEps);
        _swiGlu = new SwiGluJob(_c.IntermediateSize);
        _attention = new PagedAttentionJob
        {
            BlockSize = _cache.BlockSize,
            NumHeads = _c.NumHeads,
            NumKvHeads = _c.NumKvHeads,
            HeadDim = _c.HeadDim,
            Scale = 1f / MathF.Sqrt(_c.HeadDim),
            SlidingWindow = _c.SlidingWindow,
            Dtype = _cache.Dtype,
        };
    }

    public int VocabSize => _c.VocabSize;
    public int BlockSize => _cache.BlockSize;
    public int NumBlocks => _cache.NumBlocks;
    public long BytesPerBlock => _cache.BytesPerBlock;
    public KvCacheDtype KvCacheDtype => _cache.Dtype;

    public void Forward(ReadOnlySpan<SequenceSlice> batch, Span<float> logits)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var (tokens, logitRows) = Validate(batch, logits.Length);
            _buffers.Ensure(tokens, logitRows);
            if (_pins.Length < batch.Length) _pins = new MemoryHandle[batch.Length * 2];
            try
            {
                for (var s = 0; s < batch.Length; s++) _pins[s] = batch[s].BlockTable.Pin();
                KernelProfile.BeginStep(tokens == batch.Length, tokens);
                var p = KernelProfile.Start();
                Embed(batch);
                KernelProfile.Stop(KernelKind.Embed, p);
                for (var layer = 0; layer < _c.NumLayers; layer++)
                    Layer(layer, tokens);
                fixed (float* output = logits)
                    Logits(batch, logitRows, output);
                KernelProfile.EndStep();
            }
            finally
            {
                for (var s = 0; s < batch.Length; s++) _pins[s].Dispose();
            }
        }
    }

    private (int Tokens, int LogitRows) Validate(ReadOnlySpan<SequenceSlice> batch, int logitsLength)
    {
        if (batch.IsEmpty) throw new ArgumentException("the batch is empty.", nameof(batch));
        int tokens = 0, rows = 0;
        for (var s = 0; s < batch.Length; s++)
        {
            var slice = batch[s];
            if (slice.Tokens.IsEmpty) throw new ArgumentException($"slice {s} has no tokens.", nameof(batch));
            if (slice.StartPosition < 0) throw new ArgumentException($"slice {s} starts at negative position {slice.StartPosition}.", nameof(batch));
            var lastBlock = (slice.StartPosition + slice.Tokens.Length - 1) / BlockSize;
            if (lastBlock >= slice.BlockTable.Length)
                throw new ArgumentException($"slice {s} reaches position {slice.StartPosition + slice.Tokens.Length - 1}, which needs {lastBlock + 1} blocks, but its block table has {slice.BlockTable.Length}.", nameof(batch));
            foreach (var block in slice.BlockTable.Span[..(lastBlock + 1)])
                if ((uint)block >= (uint)NumBlocks)
                    throw new ArgumentException($"slice {s} names block {block}, outside the cache's {NumBlocks} blocks.", nameof(batch));
            foreach (var token in slice.Tokens.Span)
                if ((uint)token >= (uint)VocabSize)
                    throw new ArgumentException($"slice {s} holds token id {token}, outside the vocabulary of {VocabSize}.", nameof(batch));
            tokens += slice.Tokens.Length;
            if (slice.ComputeLogits) rows++;
        }
        if (logitsLength < (long)rows * VocabSize)
            throw new ArgumentException($"{rows} slices want logits ({rows * (long)VocabSize} floats) but the output holds {logitsLength}.", "logits");
        return (tokens, rows);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Embed(ReadOnlySpan<SequenceSlice> batch)
    {
        var b = _buffers;
        var half = _c.HeadDim / 2;
        var t = 0;
        for (var s = 0; s < batch.Length; s++)
        {
            var table = (int*)_pins[s].Pointer;
            var ids = batch[s].Tokens.Span;
            for (var i = 0; i < ids.Length; i++, t++)
            {
                var position = batch[s].StartPosition + i;
                b.Positions[t] = position;
                b.BlockTables[t] = table;
                RowDecoder.Decode(_w.TokenEmbedding.Type, _w.TokenEmbedding.Row(ids[i]), b.Hidden + (long)t * _c.HiddenSize, _c.HiddenSize);
                _rope.Angles(position, b.Cos + (long)t * half, b.Sin + (long)t * half);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Layer(int index, int tokens)
    {
        var b = _buffers;
        var w = _w.Layers[index];

        var p = KernelProfile.Start();
        // Later layers find their input normalised already, by the residual add that ends the layer before.
        if (index == 0)
            _pool.Run(_residualNorm, _residualNorm.Plan(b.Hidden, null, w.AttentionNorm, b.Normed, tokens));
        p = KernelProfile.Lap(KernelKind.AttentionNorm, p);
        _matmul.Multiply(b.Normed, tokens, w.Query, b.Query, w.Key, b.Key, w.Value, b.Value);
        p = KernelProfile.Lap(KernelKind.QkvMatMul, p);
        _pool.Run(_ropeAndCacheWrite, _ropeAndCacheWrite.Plan(index, w, tokens));
        p = KernelProfile.Lap(KernelKind.RopeAndCacheWrite, p);
        _attention.Queries = b.Query;
        _attention.Output = b.Attention;
        _attention.Tokens = tokens;
        _attention.Positions = b.Positions;
        _attention.BlockTables = b.BlockTables;
        _attention.Keys = _cache.LayerKeys(index);
        _attention.Values = _cache.LayerValues(index);
        _pool.Run(_attention, _attention.Plan());
        p = KernelProfile.Lap(KernelKind.Attention, p);

        _matmul.Multiply(b.Attention, tokens, w.Output, b.Projected);
        p = KernelProfile.Lap(KernelKind.OutputMatMul, p);
        _pool.Run(_residualNorm, _residualNorm.Plan(b.Hidden, b.Projected, w.FeedForwardNorm, b.Normed, tokens));
        p = KernelProfile.Lap(KernelKind.FeedForwardNorm, p);
        _matmul.Multiply(b.Normed, tokens, w.Gate, b.Gate, w.Up, b.Up);
        p = KernelProfile.Lap(KernelKind.GateUpMatMul, p);
        _pool.Run(_swiGlu, _swiGlu.Plan(b.Gate, b.Up, tokens));
        p = KernelProfile.Lap(KernelKind.SwiGlu, p);
        _matmul.Multiply(b.Gate, tokens, w.Down, b.Projected);
        p = KernelProfile.Lap(KernelKind.DownMatMul, p);
        var next = index + 1 < _w.Layers.Count ? _w.Layers[index + 1].AttentionNorm : null;
        _pool.Run(_residualNorm, _residualNorm.Plan(b.Hidden, b.Projected, next, b.Normed, tokens));
        KernelProfile.Stop(KernelKind.Residual, p);
    }

    private void Logits(ReadOnlySpan<SequenceSlice> batch, int rows, float* output)
    {
        if (rows == 0) return;
        var b = _buffers;
        int h = _c.HiddenSize, t = 0, row = 0;
        var p = KernelProfile.Start();
        foreach (var slice in batch)
        {
            t += slice.Tokens.Length;
            if (!slice.ComputeLogits) continue;
            RmsNorm.Apply(Span(b.Hidden + (long)(t - 1) * h, h), _w.OutputNorm, Span(b.Final + (long)row * h, h), _c.RmsNormEps);
            row++;
        }
        p = KernelProfile.Lap(KernelKind.FinalNorm, p);
        _matmul.Multiply(b.Final, rows, _w.Output, output);
        KernelProfile.Stop(KernelKind.LogitsMatMul, p);
    }

    private static Span<float> Span(float* p, long count) => new(p, checked((int)count));

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _cache.Dispose();
            _matmul.Dispose();
            _attention.Dispose();
            _buffers.Dispose();
        }
    }
}
