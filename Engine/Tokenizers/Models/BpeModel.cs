using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using Platform.Engine.Tokenizers.Decoding;

namespace Platform.Engine.Tokenizers.Models;

/// <summary>Byte-pair encoding of one word: start from characters, repeatedly merge the best adjacent pair (leftmost on ties).</summary>
internal sealed class BpeModel
{
    private const int CacheMaxWordLength = 128;
    private const int CacheCapacity = 65536;

    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _vocab;
    private readonly Dictionary<long, MergeRule> _merges;
    private readonly BpeOptions _options;
    private readonly int[] _byteIds;
    private readonly ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);
    private int _cacheSize;

    [ThreadStatic] private static BpeWorkspace? _workspace;

    /// <summary>The capacity this thread's workspace holds on to (for tests of its retention).</summary>
    internal static int RetainedWorkspaceCapacity => _workspace?.Ids.Length ?? 0;

    public BpeModel(Dictionary<string, int> vocab, Dictionary<long, MergeRule> merges, BpeOptions options)
    {
        _vocab = vocab.GetAlternateLookup<ReadOnlySpan<char>>();
        _merges = merges;
        _options = options;
        _byteIds = new int[256];
        for (var b = 0; b < 256; b++)
            _byteIds[b] = vocab.TryGetValue(ByteTokens.Name(b), out var id) ? id : -1;
    }

    public void Tokenize(string word, List<int> output)
    {
        if (word.Length == 0)
            return;
        if (_options.IgnoreMerges && _vocab.TryGetValue(word, out var whole))
        {
            output.Add(whole);
            return;
        }
        var cacheable = word.Length <= CacheMaxWordLength;
        if (cacheable && _cache.TryGetValue(word, out var cached))
        {
            output.AddRange(cached);
            return;
        }
        var ws = _workspace ??= new BpeWorkspace();
        ws.Reset(word.Length * 4);
        AddCharacters(word, ws);
        Merge(ws);
        var start = output.Count;
        for (var i = ws.Count > 0 ? 0 : -1; i >= 0; i = ws.Next[i])
            output.Add(ws.Ids[i]);
        ws.Trim();
        if (cacheable)
        {
            // ConcurrentDictionary.Count takes every lock, so the size is tracked separately.
            if (Interlocked.Increment(ref _cacheSize) > CacheCapacity)
            {
                _cache.Clear();
                Interlocked.Exchange(ref _cacheSize, 0);
            }
            _cache[word] = CollectionsMarshal.AsSpan(output)[start..].ToArray();
        }
    }

    private void AddCharacters(string word, BpeWorkspace ws)
    {
        Span<byte> utf8 = stackalloc byte[4];
        var lastWasUnknown = false;
        for (var i = 0; i < word.Length;)
        {
            var length = char.IsHighSurrogate(word[i]) && i + 1 < word.Length && char.IsLowSurrogate(word[i + 1]) ? 2 : 1;
            var ch = word.AsSpan(i, length);
            i += length;
            if (_vocab.TryGetValue(ch, out var id))
            {
                ws.Add(id);
                lastWasUnknown = false;
                continue;
            }
            if (_options.ByteFallback && TryAddBytes(ch, utf8, ws))
            {
                lastWasUnknown = false;
                continue;
            }
            if (_options.UnknownId is { } unk && !(lastWasUnknown && _options.FuseUnknown))
                ws.Add(unk);
            lastWasUnknown = _options.UnknownId is not null;
        }
    }

    private bool TryAddBytes(ReadOnlySpan<char> ch, Span<byte> utf8, BpeWorkspace ws)
    {
        var n = Encoding.UTF8.GetBytes(ch, utf8);
        for (var k = 0; k < n; k++)
            if (_byteIds[utf8[k]] < 0)
                return false;
        for (var k = 0; k < n; k++)
            ws.Add(_byteIds[utf8[k]]);
        return true;
    }

    private void Merge(BpeWorkspace ws)
    {
        var queue = ws.Queue;
        for (var i = 0; i + 1 < ws.Count; i++)
            Enqueue(ws, i, i + 1);
        while (queue.TryDequeue(out var entry, out _))
        {
            var left = entry.Position;
            var right = ws.Next[left];
            if (ws.Ids[left] < 0 || right < 0 || !_merges.TryGetValue(MergeRule.Key(ws.Ids[left], ws.Ids[right]), out var rule) || rule.Result != entry.Result)
                continue; // stale: one side has merged since this pair was queued
            ws.Ids[left] = rule.Result;
            ws.Ids[right] = -1;
            var after = ws.Next[right];
            ws.Next[left] = after;
            if (after >= 0) ws.Prev[after] = left;
            if (ws.Prev[left] >= 0) Enqueue(ws, ws.Prev[left], left);
            if (after >= 0) Enqueue(ws, left, after);
        }
    }

    private void Enqueue(BpeWorkspace ws, int left, int right)
    {
        if (_merges.TryGetValue(MergeRule.Key(ws.Ids[left], ws.Ids[right]), out var rule))
            ws.Queue.Enqueue(new BpeWorkspace.Candidate(left, rule.Result), ((long)rule.Rank << 32) | (uint)left); // rank, then leftmost
    }
}
