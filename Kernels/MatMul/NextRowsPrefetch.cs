using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using Platform.Kernels.Weights;

namespace Platform.Kernels.MatMul;

/// <summary>
/// Fetches the rows a GEMV pass reads next (contiguous after this pass's) while this pass computes, spread evenly over
/// its loop iterations and stopping at the matrix's end: a few rows read in parallel are short streams the hardware
/// prefetcher picks up late.
/// </summary>
internal unsafe struct NextRowsPrefetch
{
    private byte* _next;
    private readonly byte* _end;
    private readonly int _step;

    /// <summary>For a pass over <paramref name="rows"/> rows from <paramref name="first"/> in <paramref name="iterations"/> loop iterations.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public NextRowsPrefetch(in WeightMatrix w, byte* first, int rows, int iterations)
    {
        var bytes = rows * w.RowBytes;
        _next = first + bytes;
        _end = w.Data + w.TotalBytes;
        iterations = Math.Max(1, iterations);
        _step = (int)((bytes + iterations - 1) / iterations + 63) & ~63;
    }

    /// <summary>One iteration's share.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step()
    {
        if (_next >= _end) return;
        for (var p = 0; p < _step; p += 64) Sse.Prefetch0(_next + p);
        _next += _step;
    }
}
