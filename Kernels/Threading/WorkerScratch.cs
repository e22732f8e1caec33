using System.Runtime.InteropServices;

namespace Platform.Kernels.Threading;

/// <summary>A native float buffer per worker, grown on demand and kept between operations (no allocation on the hot path).</summary>
public sealed unsafe class WorkerScratch : IDisposable
{
    private readonly Lock _gate = new();
    private nint[] _buffers = [];
    private long[] _sizes = [];

    /// <summary>At least <paramref name="floats"/> floats, 64-byte aligned, private to <paramref name="worker"/>.</summary>
    public float* Get(int worker, long floats)
    {
        if (_buffers.Length <= worker)
        {
            lock (_gate)
            {
                if (_buffers.Length <= worker)
                {
                    var buffers = _buffers;
                    var sizes = _sizes;
                    Array.Resize(ref buffers, worker + 1);
                    Array.Resize(ref sizes, worker + 1);
                    _sizes = sizes;
                    _buffers = buffers;
                }
            }
        }
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
        for (var i = 0; i < _buffers.Length; i++)
        {
            NativeMemory.AlignedFree((void*)_buffers[i]);
            _buffers[i] = 0;
            _sizes[i] = 0;
        }
    }
}
