using Platform.Engine.Structured.Grammar;

namespace Platform.Engine.Structured.Matching;

/// <summary>
/// Runs a <see cref="ByteGrammar"/> as a pushdown automaton, determinised lazily: a configuration is the set of live
/// stacks (each an interned chain of NFA states), interned to an id, and each (configuration, byte) transition is
/// computed once and remembered. Not thread-safe: one engine thread drives it.
/// </summary>
public sealed class GrammarAutomaton
{
    /// <summary>The id of the configuration no input can reach (a rejected byte).</summary>
    public const int Dead = -1;

    /// <summary>How deep rule calls may nest before the grammar is taken to recurse without consuming input.</summary>
    public const int MaxStackDepth = 4096;

    private const int Unknown = -2;

    private readonly ByteGrammar _grammar;
    private readonly List<(int State, int Parent, int Depth)> _nodes = new();
    private readonly Dictionary<long, int> _nodeIds = new();
    private readonly List<Configuration> _configurations = new();
    private readonly Dictionary<NodeSet, int> _configurationIds = new();
    private readonly HashSet<int> _visited = new();
    private readonly List<int> _collected = new();
    private readonly Stack<int> _pending = new();

    /// <summary>Creates the automaton and its start configuration.</summary>
    public GrammarAutomaton(ByteGrammar grammar)
    {
        _grammar = grammar;
        _collected.Clear();
        var accepting = Close(Intern(grammar.RootStart, -1));
        Start = InternConfiguration(accepting);
    }

    /// <summary>The configuration before any byte.</summary>
    public int Start { get; }

    /// <summary>How many configurations were reached so far.</summary>
    public int ConfigurationCount => _configurations.Count;

    /// <summary>Whether the input read to reach <paramref name="configuration"/> is a complete sentence of the grammar.</summary>
    public bool IsAccepting(int configuration) => _configurations[configuration].Accepting;

    /// <summary>Whether no byte can follow (the sentence is complete and cannot be extended).</summary>
    public bool IsFinished(int configuration) => _configurations[configuration].Nodes.Length == 0;

    /// <summary>The configuration after <paramref name="value"/>, or <see cref="Dead"/>.</summary>
    public int Next(int configuration, byte value)
    {
        var next = _configurations[configuration].Next;
        var known = next[value];
        return known != Unknown ? known : next[value] = Compute(configuration, value);
    }

    /// <summary>The configuration after all of <paramref name="bytes"/>, or <see cref="Dead"/>.</summary>
    public int Advance(int configuration, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            configuration = Next(configuration, b);
            if (configuration == Dead)
                return Dead;
        }
        return configuration;
    }

    /// <summary>Per-configuration storage for the token matcher (its cached mask).</summary>
    internal ref ulong[]? MaskSlot(int configuration) => ref _configurations[configuration].Mask;

    private int Compute(int configuration, byte value)
    {
        var g = _grammar;
        _collected.Clear();
        _visited.Clear();
        var accepting = false;
        foreach (var node in _configurations[configuration].Nodes)
        {
            var (state, parent, _) = _nodes[node];
            for (var e = g.RangeOffsets[state]; e < g.RangeOffsets[state + 1]; e++)
                if (value >= g.RangeLow[e] && value <= g.RangeHigh[e])
                    accepting |= Close(Intern(g.RangeTarget[e], parent));
        }
        if (_collected.Count == 0 && !accepting)
            return Dead;
        return InternConfiguration(accepting);
    }

    // Adds to _collected every stack reachable from `node` without input whose top state reads a byte; returns whether the
    // root rule can end (the whole input is a sentence).
    private bool Close(int start)
    {
        var g = _grammar;
        var accepting = false;
        _pending.Push(start);
        while (_pending.Count > 0)
        {
            var node = _pending.Pop();
            if (!_visited.Add(node))
                continue;
            var (state, parent, depth) = _nodes[node];
            if (g.RangeOffsets[state + 1] > g.RangeOffsets[state])
                _collected.Add(node);
            for (var e = g.EpsilonOffsets[state]; e < g.EpsilonOffsets[state + 1]; e++)
                _pending.Push(Intern(g.EpsilonTarget[e], parent));
            for (var c = g.CallOffsets[state]; c < g.CallOffsets[state + 1]; c++)
            {
                if (depth >= MaxStackDepth)
                    throw new InvalidOperationException($"the output grammar nests rules deeper than {MaxStackDepth} levels without reading input (a recursive $ref that never progresses).");
                _pending.Push(Intern(g.CallStart[c], Intern(g.CallReturn[c], parent)));
            }
            if (g.RuleEnd[state])
            {
                if (parent < 0)
                    accepting = true;
                else
                    _pending.Push(parent);
            }
        }
        return accepting;
    }

    private int Intern(int state, int parent)
    {
        var key = ((long)state << 32) | (uint)(parent + 1);
        if (_nodeIds.TryGetValue(key, out var id))
            return id;
        id = _nodes.Count;
        _nodes.Add((state, parent, parent < 0 ? 0 : _nodes[parent].Depth + 1));
        _nodeIds.Add(key, id);
        return id;
    }

    private int InternConfiguration(bool accepting)
    {
        _collected.Sort();
        var count = 0;
        for (var i = 0; i < _collected.Count; i++)
            if (i == 0 || _collected[i] != _collected[i - 1])
                _collected[count++] = _collected[i];
        var nodes = _collected.GetRange(0, count).ToArray();
        var key = new NodeSet(nodes, accepting);
        if (_configurationIds.TryGetValue(key, out var id))
            return id;
        id = _configurations.Count;
        var next = new int[256];
        Array.Fill(next, Unknown);
        _configurations.Add(new Configuration(nodes, accepting, next));
        _configurationIds.Add(key, id);
        return id;
    }

    private sealed class Configuration(int[] nodes, bool accepting, int[] next)
    {
        public readonly int[] Nodes = nodes;
        public readonly bool Accepting = accepting;
        public readonly int[] Next = next;
        public ulong[]? Mask;
    }

    private readonly record struct NodeSet(int[] Nodes, bool Accepting)
    {
        public bool Equals(NodeSet other) => Accepting == other.Accepting && Nodes.AsSpan().SequenceEqual(other.Nodes);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            hash.Add(Accepting);
            foreach (var n in Nodes)
                hash.Add(n);
            return hash.ToHashCode();
        }
    }
}
