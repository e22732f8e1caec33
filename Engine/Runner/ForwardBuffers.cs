using System.Runtime.InteropServices;
using Platform.Engine.Models;

namespace Platform.Engine.Runner;

/// <summary>Activation buffers of one forward pass, sized for the largest batch seen so far and reused.</summary>
internal sealed unsafe class ForwardBuffers : IDisposable
{
    private readonly ModelConfig _c;
    private readonly List<nint> _blocks = [];
    private int _tokens;
    private int _logitRows;

    public ForwardBuffers(ModelConfig config) => _c = config;

    public float* Hidden, Normed, Query, Key, Value, Attention, Projected, Gate, Up, Cos, Sin, Final;
    public int* Positions;
    public int** BlockTables;

    public void Ensure(int tokens, int logitRows)
    {
        if (tokens <= _tokens && logitRows <= _logitRows) return;
        Free();
        _tokens = Math.Max(tokens, _tokens);
        _logitRows = Math.Max(logitRows, _logitRows);
        long t = _tokens;
        var q = _c.NumHeads * _c.HeadDim;
        var kv = _c.NumKvHeads * _c.HeadDim;
        Hidden = Floats(t * _c.HiddenSize);
        Normed = Floats(t * Math.Max(_c.HiddenSize, q));
        Query = Floats(t * q);
        Key = Floats(t * kv);
        Value = Floats(t * kv);
        Attention = Floats(t * q);
        Projected = Floats(t * _c.HiddenSize);
        Gate = Floats(t * _c.IntermediateSize);
        Up = Floats(t * _c.IntermediateSize);
        Cos = Floats(t * _c.HeadDim / 2);
        Sin = Floats(t * _c.HeadDim / 2);
        Final = Floats((long)_logitRows * _c.HiddenSize);
        Positions = (int*)Alloc(t * sizeof(int));
        BlockTables = (int**)Alloc(t * sizeof(nint));
    }

    private float* Floats(long count) => (float*)Alloc(count * sizeof(float));

    private void* Alloc(long bytes)
    {
        var p = NativeMemory.AlignedAlloc((nuint)Math.Max(bytes, 64), 64);
        _blocks.Add((nint)p);
        return p;
    }

    private void Free()
    {
        foreach (var block in _blocks) NativeMemory.AlignedFree((void*)block);
        _blocks.Clear();
    }

    public void Dispose()
    {
        Free();
        _tokens = 0;
        _logitRows = 0;
    }
}
