using System.Text.RegularExpressions;

namespace Platform.Engine.Tokenizers.PreTokenization;

/// <summary>Cuts a piece at a pattern's matches and arranges the parts by a <see cref="SplitBehavior"/>.</summary>
internal sealed class PatternSplitter(Regex pattern, SplitBehavior behavior, bool invert)
{
    [ThreadStatic] private static List<(int Start, int End, bool Delimiter)>? _parts;

    public void Split(PreToken piece, List<PreToken> output)
    {
        var text = piece.Text;
        var parts = _parts ??= [];
        parts.Clear();
        var last = 0;
        var mapped = SupplementaryStandIns.Map(text, out var originalIndex);
        for (var m = pattern.Match(mapped ?? text); m.Success; m = m.NextMatch())
        {
            if (m.Length == 0) continue;
            var (start, end) = mapped is null ? (m.Index, m.Index + m.Length) : (originalIndex[m.Index], originalIndex[m.Index + m.Length]);
            if (start > last) parts.Add((last, start, invert));
            parts.Add((start, end, !invert));
            last = end;
        }
        if (last < text.Length) parts.Add((last, text.Length, invert));
        Arrange(piece, parts, output);
    }

    private void Arrange(PreToken piece, List<(int Start, int End, bool Delimiter)> parts, List<PreToken> output)
    {
        var text = piece.Text;
        var first = true;
        void Emit(int start, int end)
        {
            output.Add(new PreToken(text[start..end], piece.AtStart && first && start == 0));
            first = false;
        }

        for (var i = 0; i < parts.Count; i++)
        {
            var (start, end, delimiter) = parts[i];
            switch (behavior)
            {
                case SplitBehavior.Removed:
                    if (!delimiter) Emit(start, end);
                    break;
                case SplitBehavior.Isolated:
                    Emit(start, end);
                    break;
                case SplitBehavior.Contiguous:
                    while (delimiter && i + 1 < parts.Count && parts[i + 1].Delimiter) end = parts[++i].End;
                    Emit(start, end);
                    break;
                case SplitBehavior.MergedWithPrevious:
                    if (!delimiter && i + 1 < parts.Count && parts[i + 1].Delimiter) end = parts[++i].End;
                    Emit(start, end);
                    break;
                case SplitBehavior.MergedWithNext:
                    if (delimiter && i + 1 < parts.Count && !parts[i + 1].Delimiter) end = parts[++i].End;
                    Emit(start, end);
                    break;
            }
        }
    }
}
