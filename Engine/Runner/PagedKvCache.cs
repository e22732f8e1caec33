using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Platform.Engine.Runner;

/// <summary>
/// Keys and values of every layer in fixed-size blocks, allocated once (zeroed lazily by the OS). Per layer and
/// block: keys [kvHead][headDim][slot], values [kvHead][slot][headDim], as the attention kernel reads them.
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
        // Zeroed so the attention kernel's whole-vector score loads never meet uninitialised NaNs or denormals.
        _keys = (float*)NativeMemory.AllocZeroed(layerFloats * (nuint)layers, sizeof(float));
        _values = (float*)NativeMemory.AllocZeroed(layerFloats * (nuint)layers, sizeof(float));
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Write(int layer, int block, int slot, float* key, float* value)
    {
        var headBlock = (long)BlockSize * HeadDim;
        float* k = LayerKeys(layer) + block * BlockFloats + slot, v = LayerValues(layer) + block * BlockFloats + (long)slot * HeadDim;
        var bytes = HeadDim * sizeof(float);
        for (var h = 0; h < KvHeads; h++)
        {
            for (var d = 0; d < HeadDim; d++)
                k[h * headBlock + d * BlockSize] = key[h * HeadDim + d];
            Buffer.MemoryCopy(value + h * HeadDim, v + h * headBlock, bytes, bytes);
        }
    }

    public void Dispose()
    {
        NativeMemory.Free(_keys);
        NativeMemory.Free(_values);
        _keys = null;
        _values = null;
    }
}
