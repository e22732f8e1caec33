using System.Globalization;

namespace Platform.Engine.Tokenizers.PreTokenization;

/// <summary>Lets .NET regexes classify characters beyond U+FFFF by code point, as Hugging Face's regex engine does.</summary>
/// <remarks>.NET regex sees a surrogate pair as two Cs units, so \p{L} misses e.g. U+20000 (a CJK letter). Each pair is replaced by one
/// BMP character of the same Unicode category, and match positions are mapped back to the original text.</remarks>
internal static class SupplementaryStandIns
{
    private static readonly char[] ByCategory = BuildStandIns();

    /// <summary>Returns null when the text has no surrogate pair; otherwise the stand-in text and, per stand-in index (plus one end entry), the original index.</summary>
    public static string? Map(string text, out int[] originalIndex)
    {
        originalIndex = [];
        var first = text.AsSpan().IndexOfAnyInRange('\uD800', '\uDBFF');
        if (first < 0)
            return null;
        var chars = new char[text.Length];
        var index = new int[text.Length + 1];
        var n = 0;
        for (var i = 0; i < text.Length; i++, n++)
        {
            index[n] = i;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                chars[n] = ByCategory[(int)CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(text[i], text[i + 1]))];
                i++;
            }
            else
            {
                chars[n] = text[i];
            }
        }
        index[n] = text.Length;
        originalIndex = index;
        return new string(chars, 0, n);
    }

    /// <summary>A BMP character of each category, chosen to be unlikely as a literal in split patterns.</summary>
    private static char[] BuildStandIns()
    {
        var map = new char[32];
        Array.Fill(map, '\u0378'); // unassigned
        void Set(UnicodeCategory c, char ch) => map[(int)c] = ch;
        Set(UnicodeCategory.UppercaseLetter, '\u00C0');
        Set(UnicodeCategory.LowercaseLetter, '\u00E0');
        Set(UnicodeCategory.TitlecaseLetter, '\u01C5');
        Set(UnicodeCategory.ModifierLetter, '\u02B0');
        Set(UnicodeCategory.OtherLetter, '\u05D0');
        Set(UnicodeCategory.NonSpacingMark, '\u0300');
        Set(UnicodeCategory.SpacingCombiningMark, '\u0903');
        Set(UnicodeCategory.EnclosingMark, '\u0488');
        Set(UnicodeCategory.DecimalDigitNumber, '\u0660');
        Set(UnicodeCategory.LetterNumber, '\u2160');
        Set(UnicodeCategory.OtherNumber, '\u00B2');
        Set(UnicodeCategory.SpaceSeparator, '\u2000');
        Set(UnicodeCategory.ConnectorPunctuation, '\u203F');
        Set(UnicodeCategory.DashPunctuation, '\u2010');
        Set(UnicodeCategory.OpenPunctuation, '\u2045');
        Set(UnicodeCategory.ClosePunctuation, '\u2046');
        Set(UnicodeCategory.InitialQuotePunctuation, '\u00AB');
        Set(UnicodeCategory.FinalQuotePunctuation, '\u00BB');
        Set(UnicodeCategory.OtherPunctuation, '\u00A1');
        Set(UnicodeCategory.MathSymbol, '\u00AC');
        Set(UnicodeCategory.CurrencySymbol, '\u00A2');
        Set(UnicodeCategory.ModifierSymbol, '\u00B4');
        Set(UnicodeCategory.OtherSymbol, '\u00A6');
        Set(UnicodeCategory.Format, '\u00AD');
        Set(UnicodeCategory.PrivateUse, '\uE000');
        return map;
    }
}
