namespace Platform.Engine.Structured.Matching;

/// <summary>Applies a token bitmask to a logits row.</summary>
public static class MaskBits
{
    /// <summary>Sets logits whose bit is clear to -inf (logits past the mask too); returns whether any bit was set.</summary>
    public static bool Apply(ReadOnlySpan<ulong> mask, Span<float> logits)
    {
        ulong any = 0;
        var words = Math.Min(mask.Length, (logits.Length + 63) / 64);
        for (var w = 0; w < words; w++)
        {
            var bits = mask[w];
            any |= bits;
            if (bits == ulong.MaxValue)
                continue;
            var start = w * 64;
            var end = Math.Min(start + 64, logits.Length);
            if (bits == 0)
            {
                logits[start..end].Fill(float.NegativeInfinity);
                continue;
            }
            for (var i = start; i < end; i++)
                if ((bits & (1UL << (i - start))) == 0)
                    logits[i] = float.NegativeInfinity;
        }
        if (words * 64 < logits.Length)
            logits[(words * 64)..].Fill(float.NegativeInfinity);
        return any != 0;
    }

    /// <summary>Whether <paramref name="token"/>'s bit is set.</summary>
    public static bool IsSet(ReadOnlySpan<ulong> mask, int token) => (mask[token >> 6] & (1UL << (token & 63))) != 0;
}
