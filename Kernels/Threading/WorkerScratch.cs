using System.Runtime.InteropServices;

namespace Platform.Kernels.Threading;

/// <summary>
/// A native float buffer per worker, grown on demand and kept between operations (no allocation on the hot path).
/// Slots are fixed up front, so one worker growing its buffer never races another worker reading its own.
/// </summary>
public sealed unsafe class WorkerScratch : IDisposable
{
    /// <summary>The most workers a pool may have for this scratch.</summary>
    public const int MaxWorkers = 256;

    private readonly nint[] _buffers = new nint[MaxWorkers];
    private readonly long[] _sizes = new long[MaxWorkers];

    /// <summary>At least <paramref name="floats"/> floats, 64-byte aligned, private to <paramref name="worker"/>.</summary>
    public float* Get(int worker, long floats)
    {
        if ((uint)worker >= MaxWorkers)
            throw new ArgumentOutOfRangeException(nameof(worker), worker, $"at most {MaxWorkers} workers");
        if (_sizes[worker] < floats)
        {
            NativeMemory.AlignedFree((void*)_buffers[worker]);
            _buffers[worker] = (nint)NativeMemory.AlignedAlloc((nuint)floats * 4, 64);
            _sizes[worker] = floats;
        }
        return (float*)_buffers[worker];
    }

    public void Dispose()
    {
        for (var i = 0; i < MaxWorkers; i++)
        {
            NativeMemory.AlignedFree((void*)_buffers[i]);
            _buffers[i] = 0;
            _sizes[i] = 0;
        }
    }
}
