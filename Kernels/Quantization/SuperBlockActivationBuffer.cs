using System.Runtime.InteropServices;

namespace Platform.Kernels.Quantization;

/// <summary>Native storage for <see cref="SuperBlockActivations"/>, grown on demand and reused (no allocation on the hot path).</summary>
public sealed unsafe class SuperBlockActivationBuffer : IDisposable
{
    private sbyte* _values;
    private float* _scales;
    private short* _multipliers;
    private short* _sums;
    private long _capacity;

    /// <summary>A view of <paramref name="tokens"/> rows of <paramref name="columns"/> values over this buffer, growing it if needed.</summary>
    public SuperBlockActivations Get(int tokens, int columns)
    {
        var elements = (long)tokens * columns;
        if (elements > _capacity)
        {
            Free();
            _values = (sbyte*)NativeMemory.AlignedAlloc((nuint)elements, 64);
            _scales = (float*)NativeMemory.AlignedAlloc((nuint)(elements / SuperBlockActivations.SuperBlock + 1) * sizeof(float), 64);
            _multipliers = (short*)NativeMemory.AlignedAlloc((nuint)(elements / SuperBlockActivations.Block + 1) * sizeof(short), 64);
            _sums = (short*)NativeMemory.AlignedAlloc((nuint)(elements / SuperBlockActivations.Group + 1) * sizeof(short), 64);
            _capacity = elements;
        }
        return new SuperBlockActivations(_values, _scales, _multipliers, _sums, tokens, columns);
    }

    private void Free()
    {
        NativeMemory.AlignedFree(_values);
        NativeMemory.AlignedFree(_scales);
        NativeMemory.AlignedFree(_multipliers);
        NativeMemory.AlignedFree(_sums);
        _values = null;
        _scales = null;
        _multipliers = null;
        _sums = null;
        _capacity = 0;
    }

    public void Dispose() => Free();
}
