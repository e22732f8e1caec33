using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Platform.Kernels.Numerics;

/// <summary>
/// e^x for the softmax's arguments (x ≤ 0, -inf for masked slots) in float arithmetic: x = n·ln2 + r with |r| ≤ ln2/2,
/// e^r by its degree-6 Taylor polynomial (relative error about 1e-7), 2^n put into the exponent bits. Results below
/// float's normal range are 0. The runtime's vector Exp widens to double, several times the work.
/// </summary>
public static class FastExp
{
    private const float Log2E = 1.44269504f, Ln2High = 0.693145752f, Ln2Low = 1.42860677e-06f;
    private const float Lowest = -87.3f, Highest = 88.7f;
    /// <summary>1.5·2^23: adding it rounds to an integer and leaves that integer in the low mantissa bits.</summary>
    private const float RoundingShift = 12582912f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        var clamped = Vector512.Min(Vector512.Max(x, Vector512.Create(Lowest)), Vector512.Create(Highest));
        var shifted = Vector512.FusedMultiplyAdd(clamped, Vector512.Create(Log2E), Vector512.Create(RoundingShift));
        var n = shifted - Vector512.Create(RoundingShift);
        var r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2High), clamped);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-Ln2Low), r);
        var p = Vector512.FusedMultiplyAdd(Vector512.Create(1f / 720), r, Vector512.Create(1f / 120));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1f / 24));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1f / 6));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(0.5f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512<float>.One);
        p = Vector512.FusedMultiplyAdd(p, r, Vector512<float>.One);
        var scale = ((shifted.AsInt32() - Vector512.Create(RoundingShift).AsInt32() + Vector512.Create(127)) << 23).AsSingle();
        return Vector512.AndNot(p * scale, Vector512.LessThan(x, Vector512.Create(Lowest)));
    }

    /// <inheritdoc cref="Exp(Vector512{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        var clamped = Vector256.Min(Vector256.Max(x, Vector256.Create(Lowest)), Vector256.Create(Highest));
        var shifted = Vector256.FusedMultiplyAdd(clamped, Vector256.Create(Log2E), Vector256.Create(RoundingShift));
        var n = shifted - Vector256.Create(RoundingShift);
        var r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2High), clamped);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2Low), r);
        var p = Vector256.FusedMultiplyAdd(Vector256.Create(1f / 720), r, Vector256.Create(1f / 120));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1f / 24));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1f / 6));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(0.5f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<float>.One);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256<float>.One);
        var scale = ((shifted.AsInt32() - Vector256.Create(RoundingShift).AsInt32() + Vector256.Create(127)) << 23).AsSingle();
        return Vector256.AndNot(p * scale, Vector256.LessThan(x, Vector256.Create(Lowest)));
    }
}
