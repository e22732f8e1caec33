using BenchmarkDotNet.Attributes;
using Platform.Engine.Cache;
using Platform.Grains.Deployments;
using Platform.Grains.Interfaces.Models;

namespace Platform.Grains.Benchmarks.Routing;

/// <summary>
/// The deployment grain's own work per routed request under the prefix policy: match a 2,048-token prompt's 128 block
/// keys against an index of 300,000 keys over 3 replicas, score the replicas, and claim the keys for the one picked.
/// (The grain call around it is GrainCallBenchmarks' figure.)
/// </summary>
[MemoryDiagnoser]
public class PrefixRoutingBenchmarks
{
    private const int BlockSize = 16;
    private readonly PrefixRoutingOptions _options = new();
    private readonly Dictionary<int, ReplicaLoad> _ready = new()
    {
        [0] = new ReplicaLoad("m/0", 4, 1, 0.5, 0, 0, 0, 0),
        [1] = new ReplicaLoad("m/1", 3, 0, 0.4, 0, 0, 0, 0),
        [2] = new ReplicaLoad("m/2", 5, 2, 0.7, 0, 0, 0, 0),
    };
    private PrefixIndex _index = null!;
    private ulong[] _prompt = null!;

    [GlobalSetup]
    public void Setup()
    {
        _index = new PrefixIndex(_options.IndexCapacity);
        var random = new Random(7);
        // 300k cached blocks spread over the replicas, and a prompt whose first 96 blocks replica 1 holds.
        for (var i = 0; i < 300_000; i++)
            _index.Add(i % 3, (ulong)random.NextInt64());
        var tokens = Enumerable.Range(0, 128 * BlockSize).Select(_ => random.Next(32_000)).ToArray();
        _prompt = BlockHasher.ChainKeys(BlockHasher.RootKey("m"), tokens, BlockSize);
        foreach (var key in _prompt.Take(96))
            _index.Add(1, key);
    }

    [Benchmark]
    public int MatchAndPick()
    {
        Span<int> matched = stackalloc int[PrefixIndex.MaxReplicas];
        _index.Match(_prompt, matched);
        return PrefixRouting.Pick(_ready, matched, BlockSize, sticky: -1, _options).Replica;
    }

    [Benchmark]
    public int MatchPickAndClaim()
    {
        var replica = MatchAndPick();
        foreach (var key in _prompt)
            _index.Add(replica, key);
        return replica;
    }

    [Benchmark]
    public ulong[] HashPromptBlocks() => BlockHasher.ChainKeys(BlockHasher.RootKey("m"), _tokensForHashing ??= Enumerable.Range(0, 128 * BlockSize).ToArray(), BlockSize);

    private int[]? _tokensForHashing;
}
