using System.Text;

namespace Platform.Engine.Tokenizers.Normalization;

/// <summary>`NFC`: Unicode canonical decomposition, canonical ordering, then canonical composition (UAX #15).</summary>
/// <remarks>Self-contained (tables in <see cref="NfcTables"/>) because the runtime runs with invariant globalization, where string.Normalize is unavailable.</remarks>
internal sealed class NfcNormalizer : INormalizer
{
    private const int SBase = 0xAC00, LBase = 0x1100, VBase = 0x1161, TBase = 0x11A7;
    private const int LCount = 19, VCount = 21, TCount = 28, NCount = VCount * TCount, SCount = LCount * NCount;

    private static readonly Lazy<Dictionary<long, int>> Composites = new(BuildComposites);

    public string Normalize(string text)
    {
        // Below U+0300 nothing decomposes, reorders or composes differently, so most text returns untouched.
        if (text.AsSpan().IndexOfAnyInRange('\u0300', '\uFFFF') < 0)
            return text;
        var cps = new List<int>(text.Length + 8);
        Decompose(text, cps);
        Reorder(cps);
        Compose(cps);
        var sb = new StringBuilder(cps.Count);
        foreach (var cp in cps)
        {
            if (cp is >= 0xD800 and <= 0xDFFF) sb.Append((char)cp); // a lone surrogate passes through
            else sb.Append(char.ConvertFromUtf32(cp));
        }
        return sb.ToString();
    }

    private static void Decompose(string text, List<int> output)
    {
        for (var i = 0; i < text.Length; i++)
        {
            int cp = text[i];
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                cp = char.ConvertToUtf32(text[i], text[++i]);
            if (cp is >= SBase and < SBase + SCount)
            {
                var s = cp - SBase;
                output.Add(LBase + s / NCount);
                output.Add(VBase + s % NCount / TCount);
                if (s % TCount != 0) output.Add(TBase + s % TCount);
                continue;
            }
            var k = cp < 0xC0 ? -1 : NfcTables.DecompositionKeys.BinarySearch(cp);
            if (k < 0)
            {
                output.Add(cp);
                continue;
            }
            var values = NfcTables.DecompositionValues;
            for (var v = NfcTables.DecompositionOffsets[k]; v < NfcTables.DecompositionOffsets[k + 1]; v++)
                output.Add(values[v]);
        }
    }

    /// <summary>Stable-sorts each run of non-starters by combining class.</summary>
    private static void Reorder(List<int> cps)
    {
        for (var i = 1; i < cps.Count; i++)
        {
            var c = CombiningClass(cps[i]);
            if (c == 0) continue;
            var j = i;
            while (j > 0 && CombiningClass(cps[j - 1]) > c)
            {
                (cps[j - 1], cps[j]) = (cps[j], cps[j - 1]);
                j--;
            }
        }
    }

    private static void Compose(List<int> cps)
    {
        if (cps.Count == 0) return;
        var starter = 0;
        var lastClass = CombiningClass(cps[0]) == 0 ? 0 : 256; // a leading non-starter blocks composition
        var write = 1;
        for (var read = 1; read < cps.Count; read++)
        {
            var ch = cps[read];
            var chClass = CombiningClass(ch);
            if ((lastClass < chClass || lastClass == 0) && TryCompose(cps[starter], ch, out var composite))
            {
                cps[starter] = composite;
                continue;
            }
            if (chClass == 0) starter = write;
            lastClass = chClass;
            cps[write++] = ch;
        }
        cps.RemoveRange(write, cps.Count - write);
    }

    private static bool TryCompose(int first, int second, out int composite)
    {
        if (first is >= LBase and < LBase + LCount && second is >= VBase and < VBase + VCount)
        {
            composite = SBase + ((first - LBase) * VCount + second - VBase) * TCount;
            return true;
        }
        if (first is >= SBase and < SBase + SCount && (first - SBase) % TCount == 0 && second is > TBase and < TBase + TCount)
        {
            composite = first + second - TBase;
            return true;
        }
        return Composites.Value.TryGetValue(((long)first << 32) | (uint)second, out composite);
    }

    private static int CombiningClass(int cp)
    {
        if (cp < 0x300) return 0;
        var ranges = NfcTables.CombiningClassRanges;
        int lo = 0, hi = ranges.Length / 3 - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            if (cp < ranges[mid * 3]) hi = mid - 1;
            else if (cp > ranges[mid * 3 + 1]) lo = mid + 1;
            else return ranges[mid * 3 + 2];
        }
        return 0;
    }

    private static Dictionary<long, int> BuildComposites()
    {
        var pairs = NfcTables.CompositionPairs;
        var map = new Dictionary<long, int>(pairs.Length / 3);
        for (var i = 0; i < pairs.Length; i += 3)
            map[((long)pairs[i] << 32) | (uint)pairs[i + 1]] = pairs[i + 2];
        return map;
    }
}
