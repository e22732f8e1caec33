using System.Runtime.InteropServices;

namespace Platform.Engine.Runner;

/// <summary>
/// Keys and values of every layer in fixed-size blocks, allocated once. Per layer and block the layout is
/// [kvHead][slot][headDim], so one head's block is contiguous for the attention kernel.
/// </summary>
public sealed unsafe class PagedKvCache : IDisposable
{
    private float* _keys;
    private float* _values;

    public PagedKvCache(int layers, int kvHeads, int headDim, KvCacheOptions options)
    {
        if (options.BlockSize <= 0) throw new ArgumentException($"BlockSize must be positive; got {options.BlockSize}.", nameof(options));
        Layers = layers;
        KvHeads = kvHeads;
        HeadDim = headDim;
        BlockSize = options.BlockSize;
        BlockFloats = (long)kvHeads * BlockSize * headDim;
        BytesPerBlock = 2L * layers * BlockFloats * sizeof(float);
        NumBlocks = options.NumBlocks
            ?? (options.MemoryBytes is { } bytes ? (int)Math.Min(int.MaxValue, bytes / BytesPerBlock)
                : throw new ArgumentException("KvCacheOptions needs NumBlocks or MemoryBytes.", nameof(options)));
        if (NumBlocks <= 0)
            throw new ArgumentException($"the KV cache holds no block: {options.MemoryBytes} bytes budgeted, {BytesPerBlock} bytes per block of {BlockSize} tokens.", nameof(options));
        var layerFloats = (nuint)(NumBlocks * BlockFloats);
        _keys = (float*)NativeMemory.AlignedAlloc(layerFloats * (nuint)layers * sizeof(float), 64);
        _values = (float*)NativeMemory.AlignedAlloc(layerFloats * (nuint)layers * sizeof(float), 64);
    }

    public int Layers { get; }
    public int KvHeads { get; }
    public int HeadDim { get; }
    public int BlockSize { get; }
    public int NumBlocks { get; }
    public long BlockFloats { get; }
    public long BytesPerBlock { get; }

    public float* LayerKeys(int layer) => _keys + layer * NumBlocks * BlockFloats;

    public float* LayerValues(int layer) => _values + layer * NumBlocks * BlockFloats;

    /// <summary>Copies one token's K and V ([kvHeads, headDim] each) into slot <paramref name="slot"/> of <paramref name="block"/>.</summary>
    public void Write(int layer, int block, int slot, float* key, float* value)
    {
        var offset = block * BlockFloats + (long)slot * HeadDim;
        float* k = LayerKeys(layer) + offset, v = LayerValues(layer) + offset;
        var bytes = HeadDim * sizeof(float);
        for (var h = 0; h < KvHeads; h++)
        {
            Buffer.MemoryCopy(key + h * HeadDim, k + (long)h * BlockSize * HeadDim, bytes, bytes);
            Buffer.MemoryCopy(value + h * HeadDim, v + (long)h * BlockSize * HeadDim, bytes, bytes);
        }
    }

    public void Dispose()
    {
        NativeMemory.AlignedFree(_keys);
        NativeMemory.AlignedFree(_values);
        _keys = null;
        _values = null;
    }
}
