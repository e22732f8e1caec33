namespace Platform.Engine.Templates.Lexing;

/// <summary>Maps character offsets in a template source to 1-based line and column numbers.</summary>
internal sealed class SourcePositions
{
    private readonly List<int> _lineStarts = [0];

    public SourcePositions(string source)
    {
        for (var i = 0; i < source.Length; i++)
            if (source[i] == '\n')
                _lineStarts.Add(i + 1);
    }

    public (int Line, int Column) At(int offset)
    {
        var index = _lineStarts.BinarySearch(offset);
        if (index < 0)
            index = ~index - 1;
        return (index + 1, offset - _lineStarts[index] + 1);
    }
}
