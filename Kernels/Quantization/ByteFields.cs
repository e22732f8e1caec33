using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Platform.Kernels.Quantization;

/// <summary>
/// Moves a bit field of every byte with one 16-bit shift and one mask: x86 has no byte shift, and .NET emulates one
/// with a shift and a mask of its own, so a shifted-then-masked field cost three instructions instead of two.
/// </summary>
internal static class ByteFields
{
    /// <summary>
    /// Each byte's field at bit <paramref name="from"/> moved to bit <paramref name="to"/>, other bits cleared
    /// (<paramref name="mask"/> is the field at its destination). Exact for any field within a byte: the bits a word shift
    /// carries across from the neighbouring byte land outside the destination field.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<byte> Move(Vector256<byte> v, int from, int to, byte mask)
    {
        var words = v.AsUInt16();
        if (to > from) words = Vector256.ShiftLeft(words, to - from);
        else if (from > to) words = Vector256.ShiftRightLogical(words, from - to);
        return words.AsByte() & Vector256.Create(mask);
    }
}
