using System.Runtime.InteropServices;
using Platform.Kernels.Attention;

namespace Platform.Engine.Runner;

/// <summary>
/// Keys and values of every layer in fixed-size blocks, allocated once (zeroed lazily by the OS), as elements of
/// <see cref="Dtype"/>. Per layer and block: keys [kvHead][headDim][slot], values [kvHead][slot][headDim], as the
/// attention kernel reads them (<see cref="KvBlockWriter"/> writes them).
/// </summary>
public sealed unsafe class PagedKvCache : IDisposable
{
    private byte* _keys;
    private byte* _values;

    public PagedKvCache(int layers, int kvHeads, int headDim, KvCacheOptions options)
    {
        if (options.BlockSize <= 0) throw new ArgumentException($"BlockSize must be positive; got {options.BlockSize}.", nameof(options));
        if (!Enum.IsDefined(options.Dtype)) throw new ArgumentException($"Dtype {options.Dtype} is not a KV cache element type.", nameof(options));
        Layers = layers;
        KvHeads = kvHeads;
        HeadDim = headDim;
        BlockSize = options.BlockSize;
        Dtype = options.Dtype;
        BlockElements = (long)kvHeads * BlockSize * headDim;
        BlockBytes = BlockElements * Dtype.ElementSize();
        BytesPerBlock = 2L * layers * BlockBytes;
        NumBlocks = options.NumBlocks
            ?? (options.MemoryBytes is { } bytes ? (int)Math.Min(int.MaxValue, bytes / BytesPerBlock)
                : throw new ArgumentException("KvCacheOptions needs NumBlocks or MemoryBytes.", nameof(options)));
        if (NumBlocks <= 0)
            throw new ArgumentException($"the KV cache holds no block: {options.MemoryBytes} bytes budgeted, {BytesPerBlock} bytes per block of {BlockSize} tokens.", nameof(options));
        var layerBytes = (nuint)(NumBlocks * BlockBytes);
        // Zeroed so the attention kernel's whole-vector score loads never meet uninitialised NaNs or denormals.
        _keys = (byte*)NativeMemory.AllocZeroed(layerBytes * (nuint)layers);
        _values = (byte*)NativeMemory.AllocZeroed(layerBytes * (nuint)layers);
    }

    public int Layers { get; }
    public int KvHeads { get; }
    public int HeadDim { get; }
    public int BlockSize { get; }
    public int NumBlocks { get; }

    /// <summary>The element type keys and values are stored as.</summary>
    public KvCacheDtype Dtype { get; }

    /// <summary>Keys (or values) of one layer's block: KvHeads · BlockSize · HeadDim.</summary>
    public long BlockElements { get; }

    /// <summary>Bytes of one layer's key (or value) block.</summary>
    public long BlockBytes { get; }

    /// <summary>Bytes of one block across all layers, keys and values.</summary>
    public long BytesPerBlock { get; }

    public void* LayerKeys(int layer) => _keys + layer * NumBlocks * BlockBytes;

    public void* LayerValues(int layer) => _values + layer * NumBlocks * BlockBytes;

    /// <summary>Stores one token's K and V ([kvHeads, headDim] floats each) into slot <paramref name="slot"/> of <paramref name="block"/>.</summary>
    public void Write(int layer, int block, int slot, float* key, float* value) =>
        KvBlockWriter.Write(Dtype, (byte*)LayerKeys(layer) + block * BlockBytes, (byte*)LayerValues(layer) + block * BlockBytes,
            slot, BlockSize, KvHeads, HeadDim, key, value);

    public void Dispose()
    {
        NativeMemory.Free(_keys);
        NativeMemory.Free(_values);
        _keys = null;
        _values = null;
    }
}
