using Platform.Grains.Catalog;
using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Models;
using Platform.Runtime.Grains;

namespace Platform.Grains.Deployments;

/// <summary>
/// A served model's front door: routes each generation to the replica that served its affinity key last (its prefix
/// blocks are cached there), unless that replica is backed up while another is idle; else to the least-loaded replica.
/// Reentrant: routing awaits replica calls and must not serialise the model's traffic.
/// </summary>
[Reentrant]
public sealed class DeploymentGrain(ModelCatalog catalog) : Grain, IDeploymentGrain
{
    private readonly AffinityTable _affinity = new(capacity: 10_000);
    private ServedModel _model = null!;
    private int _nextCold;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _model = catalog.Get(GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public async Task<GenerationStarted> Generate(GenerationJob job)
    {
        var key = job.AffinityKey ?? AffinityKeys.Of(job);
        var replica = await PickReplica(key);
        var started = await GrainFactory.GetGrain<IModelGrain>(_model.ReplicaKey(replica)).Generate(job with { AffinityKey = key });
        _affinity.Set(key, replica);
        return started;
    }

    public Task<ModelDescription> Describe() =>
        Task.FromResult(new ModelDescription(_model.Name, _model.CreatedUnixSeconds, "platform", _model.EffectiveMaxModelLength(), _model.Options.Path));

    public async Task<DeploymentStatus> GetStatus()
    {
        int loading = 0, ready = 0;
        for (var r = 0; r < _model.Replicas; r++)
        {
            var phase = _model.Phase(r);
            if (phase == ReplicaPhase.Loading) loading++;
            else if (phase == ReplicaPhase.Ready) ready++;
        }
        var loads = await ReadyLoads();
        return new DeploymentStatus(_model.Name, _model.Replicas, loading, ready, _model.LastLoadError, loads.Values.ToList());
    }

    public Task<TokenizeResult> Tokenize(TokenizeInput input)
    {
        var assets = _model.Assets;
        var ids = input.Messages is { } messages
            ? assets.EncodeChat(assets.RenderChat(messages, input.AddGenerationPrompt))
            : assets.Tokenizer.Encode(input.Prompt ?? "", input.AddSpecialTokens);
        return Task.FromResult(new TokenizeResult(ids, _model.EffectiveMaxModelLength()));
    }

    public Task<string> Detokenize(IReadOnlyList<int> tokenIds)
    {
        var tokenizer = _model.Assets.Tokenizer;
        foreach (var id in tokenIds)
            if ((uint)id >= (uint)tokenizer.VocabSize)
                throw new PlatformRequestException(PlatformRequestException.InvalidValue,
                    $"Token id {id} is outside the model's vocabulary (0..{tokenizer.VocabSize - 1}).", "tokens");
        return Task.FromResult(tokenizer.Decode(tokenIds.ToArray()));
    }

    private async Task<int> PickReplica(string key)
    {
        if (_model.Replicas == 1)
            return 0;
        var loads = await ReadyLoads();
        if (_affinity.TryGet(key, out var sticky) && (_model.Phase(sticky) != ReplicaPhase.Unloaded || loads.Count == 0)
            && !IsBackedUp(sticky, loads))
            return sticky;
        if (loads.Count > 0)
            return loads.MinBy(l => (l.Value.Running + l.Value.Waiting, l.Value.KvUsage)).Key;
        for (var r = 0; r < _model.Replicas; r++)
            if (_model.Phase(r) == ReplicaPhase.Loading)
                return r;
        // Nothing in memory: wake replicas in turn, so a burst of new prefixes spreads over them.
        return _nextCold++ % _model.Replicas;
    }

    /// <summary>Affinity yields when its replica has a queue while another ready replica has none and fewer running.</summary>
    private static bool IsBackedUp(int replica, Dictionary<int, ReplicaLoad> loads) =>
        loads.TryGetValue(replica, out var mine) && mine.Waiting > 0
        && loads.Values.Any(other => other.Waiting == 0 && other.Running < mine.Running);

    private async Task<Dictionary<int, ReplicaLoad>> ReadyLoads()
    {
        var pending = new List<(int Replica, Task<ReplicaLoad> Load)>();
        for (var r = 0; r < _model.Replicas; r++)
            if (_model.Phase(r) == ReplicaPhase.Ready)
                pending.Add((r, GrainFactory.GetGrain<IModelGrain>(_model.ReplicaKey(r)).GetLoad()));
        var loads = new Dictionary<int, ReplicaLoad>();
        foreach (var (replica, load) in pending)
            loads[replica] = await load;
        return loads;
    }
}
