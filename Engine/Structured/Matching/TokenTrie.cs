namespace Platform.Engine.Structured.Matching;

/// <summary>A byte trie over token strings, flattened into arrays: walking it against an automaton prunes every token sharing a rejected prefix at once.</summary>
public sealed class TokenTrie
{
    private readonly int[] _childOffsets;
    private readonly byte[] _childBytes;
    private readonly int[] _childNodes;
    private readonly int[] _tokenOffsets;
    private readonly int[] _tokens;

    /// <summary>Builds the trie of the non-null entries of <paramref name="tokens"/> (index = token id).</summary>
    public TokenTrie(IReadOnlyList<byte[]?> tokens)
    {
        var children = new List<List<(byte Byte, int Node)>> { new() };
        var ending = new List<List<int>> { new() };
        for (var id = 0; id < tokens.Count; id++)
        {
            if (tokens[id] is not { Length: > 0 } bytes)
                continue;
            var node = 0;
            foreach (var b in bytes)
            {
                var next = -1;
                foreach (var (cb, cn) in children[node])
                    if (cb == b) { next = cn; break; }
                if (next < 0)
                {
                    next = children.Count;
                    children.Add(new());
                    ending.Add(new());
                    children[node].Add((b, next));
                }
                node = next;
            }
            ending[node].Add(id);
        }
        NodeCount = children.Count;
        _childOffsets = new int[NodeCount + 1];
        _tokenOffsets = new int[NodeCount + 1];
        for (var n = 0; n < NodeCount; n++)
        {
            _childOffsets[n + 1] = _childOffsets[n] + children[n].Count;
            _tokenOffsets[n + 1] = _tokenOffsets[n] + ending[n].Count;
        }
        _childBytes = new byte[_childOffsets[NodeCount]];
        _childNodes = new int[_childOffsets[NodeCount]];
        _tokens = new int[_tokenOffsets[NodeCount]];
        for (var n = 0; n < NodeCount; n++)
        {
            var c = _childOffsets[n];
            foreach (var (b, child) in children[n].OrderBy(x => x.Byte))
            {
                _childBytes[c] = b;
                _childNodes[c++] = child;
            }
            ending[n].CopyTo(_tokens, _tokenOffsets[n]);
        }
        _stackNodes = new int[NodeCount];
        _stackStates = new int[NodeCount];
    }

    /// <summary>Number of trie nodes (the root included).</summary>
    public int NodeCount { get; }

    // Scratch for the walk: every node is pushed at most once. One walk at a time (the engine thread).
    private readonly int[] _stackNodes;
    private readonly int[] _stackStates;

    /// <summary>Sets in <paramref name="mask"/> the bit of every token whose whole byte string <paramref name="automaton"/> reads from <paramref name="start"/>.</summary>
    public void Walk(GrammarAutomaton automaton, int start, Span<ulong> mask)
    {
        var top = 0;
        _stackNodes[top] = 0;
        _stackStates[top++] = start;
        while (top > 0)
        {
            top--;
            var node = _stackNodes[top];
            var state = _stackStates[top];
            for (var c = _childOffsets[node]; c < _childOffsets[node + 1]; c++)
            {
                var next = automaton.Next(state, _childBytes[c]);
                if (next == GrammarAutomaton.Dead)
                    continue;
                var child = _childNodes[c];
                for (var t = _tokenOffsets[child]; t < _tokenOffsets[child + 1]; t++)
                {
                    var token = _tokens[t];
                    mask[token >> 6] |= 1UL << (token & 63);
                }
                if (_childOffsets[child + 1] > _childOffsets[child])
                {
                    _stackNodes[top] = child;
                    _stackStates[top++] = next;
                }
            }
        }
    }
}
