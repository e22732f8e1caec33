using Platform.Engine.Structured.Grammar;

namespace Platform.Engine.Structured.Matching;

/// <summary>
/// A grammar bound to one model's vocabulary: the lazily determinised automaton and, per automaton configuration, the
/// mask of tokens that may come next (computed once by walking the token trie, then reused by every request of the same
/// format). Shared by requests; only the engine thread computes masks.
/// </summary>
public sealed class CompiledConstraint
{
    /// <summary>Cached masks per grammar are capped at this many bytes; past it, masks are computed afresh each step.</summary>
    public const long MaskCacheBytes = 16L << 20;

    private readonly Dictionary<(int Configuration, bool First, int Strip), ulong[]> _startMasks = new();
    private readonly ulong[] _scratch;
    private readonly int _maxCachedMasks;
    private int _cachedMasks;

    /// <summary>Binds <paramref name="grammar"/> to <paramref name="vocabulary"/>.</summary>
    public CompiledConstraint(ByteGrammar grammar, TokenVocabulary vocabulary, string description)
    {
        Automaton = new GrammarAutomaton(grammar);
        Vocabulary = vocabulary;
        Description = description;
        Words = (vocabulary.Size + 63) / 64;
        _scratch = new ulong[Words];
        _maxCachedMasks = (int)Math.Max(16, MaskCacheBytes / (Words * 8L));
    }

    /// <summary>The grammar's automaton.</summary>
    public GrammarAutomaton Automaton { get; }

    /// <summary>The model's tokens as bytes.</summary>
    public TokenVocabulary Vocabulary { get; }

    /// <summary>What the constraint is, for messages (e.g. "json_schema 'weather'").</summary>
    public string Description { get; }

    /// <summary>Length of a mask in 64-bit words.</summary>
    public int Words { get; }

    /// <summary>How many masks were computed by a trie walk (cache misses), for benchmarks and tests.</summary>
    public long MaskComputations { get; private set; }

    /// <summary>The tokens that may follow in <paramref name="configuration"/> mid-output (stop tokens not included).</summary>
    public ReadOnlySpan<ulong> MaskFor(int configuration)
    {
        ref var slot = ref Automaton.MaskSlot(configuration);
        if (slot is { } cached)
            return cached;
        var mask = _cachedMasks < _maxCachedMasks ? new ulong[Words] : _scratch;
        if (mask == _scratch)
            Array.Clear(mask);
        MaskComputations++;
        Vocabulary.Trie.Walk(Automaton, configuration, mask);
        if (mask != _scratch)
        {
            // The walk may have interned configurations, growing the list the slot refers into: look it up again.
            Automaton.MaskSlot(configuration) = mask;
            _cachedMasks++;
        }
        return mask;
    }

    /// <summary>
    /// The mask at the start of an output, where the decoder drops leading spaces and tokens take their first form:
    /// computed token by token (once per configuration and start condition).
    /// </summary>
    public ReadOnlySpan<ulong> StartMaskFor(int configuration, bool first, int strip)
    {
        if (_startMasks.TryGetValue((configuration, first, strip), out var cached))
            return cached;
        var mask = new ulong[Words];
        MaskComputations++;
        for (var token = 0; token < Vocabulary.Size; token++)
        {
            if (!Vocabulary.IsUsable(token))
                continue;
            var bytes = StartBytes(token, first, strip, out _);
            if (Automaton.Advance(configuration, bytes) != GrammarAutomaton.Dead)
                mask[token >> 6] |= 1UL << (token & 63);
        }
        _startMasks[(configuration, first, strip)] = mask;
        return mask;
    }

    /// <summary>The bytes <paramref name="token"/> adds at the start of an output, as the incremental decoder reads them.</summary>
    internal ReadOnlySpan<byte> StartBytes(int token, bool first, int strip, out int stripLeft)
    {
        var bytes = first ? Vocabulary.FirstBytes(token) : Vocabulary.Bytes(token);
        var remaining = strip;
        var skip = 0;
        while (skip < bytes.Length && remaining > 0 && bytes[skip] == (byte)' ')
        {
            skip++;
            remaining--;
        }
        stripLeft = skip < bytes.Length ? 0 : remaining;
        return bytes[skip..];
    }
}
