using Orleans.Runtime.Placement;
using Orleans.Runtime;
using Platform.Grains.Catalog;
using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Models;
using Platform.Grains.Interfaces.Placement;
using Platform.Grains.Metrics;

namespace Platform.Grains.Deployments;

/// <summary>
/// A served model's router. With the prefix policy it scores ready replicas on the prompt blocks each holds (a
/// cluster-wide index the replicas publish their cache changes to) minus their load; with the session policy it picks
/// the replica that served the request's affinity key last unless that one is backed up; round-robin and random are
/// the baselines. Tokens never pass through it, and routing reads only memory.
/// </summary>
[Reentrant]
public sealed class DeploymentGrain(ModelCatalog catalog, IClusterMembershipService membership, TimeProvider time, SiloMetrics metrics) : Grain, IDeploymentGrain
{
    /// <summary>Three missed reports: the replica is gone (its silo died before the cluster noticed, or it unloaded).</summary>
    internal static readonly TimeSpan Staleness = 3 * Models.ModelGrain.ReportPeriod + TimeSpan.FromSeconds(1);

    /// <summary>How often replicas lost with their silo are activated again (placement puts them on the survivors).</summary>
    internal static readonly TimeSpan RecreatePeriod = TimeSpan.FromSeconds(2);

    private readonly AffinityTable _affinity = new(capacity: 10_000);
    private readonly PrefixRoutingOptions _prefixRouting = new();
    private PrefixIndex _index = null!;
    private readonly Dictionary<(string Replica, string Silo), ReplicaMetricsSnapshot> _metrics = [];
    private ServedModel _model = null!;
    private ReplicaBook _replicas = null!;
    private ReplicaBreakers _breakers = null!;
    private int _desired;
    private int _nextCold;
    private int _nextTurn;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _model = catalog.Get(this.GetPrimaryKeyString());
        _replicas = new ReplicaBook(_model.Replicas, Staleness, time);
        _index = new PrefixIndex(_prefixRouting.IndexCapacity);
        _breakers = new ReplicaBreakers(_model.Replicas, _model.Options.Breaker, time);
        _desired = _model.Options.AutoReplicas ? 1 : _model.Replicas;
        this.RegisterGrainTimer(() => KeepReplicaCountAsync(), new GrainTimerCreationOptions(RecreatePeriod, RecreatePeriod) { Interleave = true, KeepAlive = false });
        return Task.CompletedTask;
    }

    public Task<RouteDecision> Route(RouteRequest request)
    {
        var (replica, reason) = Pick(request);
        metrics.Routed(_model.Name, reason);
        _affinity.Set(request.AffinityKey, replica);
        _replicas.CountRouted(replica);
        _breakers.Routed(replica);
        // The prompt's blocks will be cached there once prefilled: claim them now, so the next turn of this
        // conversation finds them before the replica's own publication arrives.
        foreach (var key in request.BlockKeys)
            _index.Add(replica, key);
        return Task.FromResult(new RouteDecision(_model.ReplicaKey(replica), _breakers.WantsOutcome(replica)));
    }

    public Task PublishPrefixBlocks(string replicaKey, bool reset, ulong[] cached, ulong[] evicted)
    {
        if (ReplicaIndex(replicaKey) is not { } replica || replica >= PrefixIndex.MaxReplicas)
            return Task.CompletedTask;
        if (reset)
            _index.Forget(replica);
        foreach (var key in evicted)
            _index.Remove(replica, key);
        foreach (var key in cached)
            _index.Add(replica, key);
        return Task.CompletedTask;
    }

    public Task Report(ReplicaStatus status)
    {
        if (ReplicaIndex(status.ReplicaKey) is { } replica)
        {
            if (status.Phase == ReplicaPhase.Unloaded)
                Forget(replica);
            else
                _replicas.Record(replica, status);
            // A replica loading starts with an empty cache: whatever an earlier activation of it held is gone.
            if (status.Phase == ReplicaPhase.Loading && replica < PrefixIndex.MaxReplicas)
                _index.Forget(replica);
            if (status.Metrics is { } snapshot)
                _metrics[(snapshot.ReplicaKey, snapshot.Silo)] = snapshot;
        }
        return Task.CompletedTask;
    }

    public async Task<int> Warm(string silo)
    {
        // One replica per warming silo: silos starting together each get their own instead of the first taking all.
        var cold = Cold().ToList();
        if (_model.Options.AutoReplicas)
        {
            // One per capable silo: a silo that joins gets its own, whatever the others hold.
            if (Statuses().Any(s => s.Silo == silo))
                return 0;
            _desired++;
        }
        else
            cold = cold.Where(r => r < _desired).ToList();
        if (cold.Count == 0)
            return 0;
        await ActivateAsync(cold[0], SiloAddress.FromParsableString(silo));
        return _model.Options.AutoReplicas ? 0 : cold.Count - 1;
    }

    public Task ReplicaUnreachable(string replicaKey)
    {
        if (ReplicaIndex(replicaKey) is { } replica)
        {
            _replicas.Lose(replica);
            ForgetBlocks(replica);
        }
        return Task.CompletedTask;
    }

    public Task ReplicaFailed(string replicaKey)
    {
        if (ReplicaIndex(replicaKey) is { } replica)
            _breakers.Failed(replica);
        return Task.CompletedTask;
    }

    public Task ReplicaStarted(string replicaKey)
    {
        if (ReplicaIndex(replicaKey) is { } replica)
            _breakers.Succeeded(replica);
        return Task.CompletedTask;
    }

    private void Forget(int replica)
    {
        _replicas.Forget(replica);
        ForgetBlocks(replica);
    }

    private void ForgetBlocks(int replica)
    {
        if (replica < PrefixIndex.MaxReplicas)
            _index.Forget(replica);
    }

    /// <summary>
    /// Keeps the replica count (N, or with `--replicas auto` one per silo that offers the model): replicas lost without
    /// unloading (their silo died or left) are activated again, lost ones first, where placement puts them; a joining
    /// silo's offer raises the auto count and so gets a replica. Idle unloads count as present: scale to zero stays.
    /// </summary>
    private async Task KeepReplicaCountAsync()
    {
        if (_model.Options.AutoReplicas)
            _desired = Math.Max(1, await OfferingSilosAsync() ?? _desired);
        var present = Statuses().Count(s => s.Phase != ReplicaPhase.Unloaded) + _replicas.Idle.Count;
        var missing = _desired - present;
        foreach (var replica in _replicas.Lost.Concat(Cold()).Distinct().Take(Math.Max(0, missing)).ToList())
        {
            ForgetBlocks(replica);
            await ActivateAsync(replica, hint: null);
        }
    }

    /// <summary>How many live silos offer this model, or null when the placement board cannot say.</summary>
    private async Task<int?> OfferingSilosAsync()
    {
        try
        {
            var offers = await GrainFactory.GetGrain<IPlacementBoardGrain>(IPlacementBoardGrain.Key).GetOffers();
            return offers.Count(o => o.Models.Contains(_model.Name));
        }
        catch (Exception error) when (ReplicaFailures.IsUnreachable(error) || error is TimeoutException)
        {
            return null;
        }
    }

    /// <summary>Replica indexes neither in memory nor unloaded idle, lowest first.</summary>
    private IEnumerable<int> Cold()
    {
        for (var r = 0; r < _model.Replicas; r++)
            if (_replicas.Current(r, SiloAlive) is null && !_replicas.Idle.Contains(r))
                yield return r;
    }

    /// <summary>Activates a replica (it starts loading) on <paramref name="hint"/> or where placement puts it, and records its first report.</summary>
    private async Task ActivateAsync(int replica, SiloAddress? hint)
    {
        if (hint is not null)
            RequestContext.Set(IPlacementDirector.PlacementHintKey, hint);
        try
        {
            await Report(await GrainFactory.GetGrain<IModelGrain>(_model.ReplicaKey(replica)).GetStatus());
        }
        catch (Exception error) when (ReplicaFailures.IsUnreachable(error) || error is TimeoutException)
        {
            // Its old activation is still registered on a dead silo until the directory lets go: the next period tries again.
        }
        finally
        {
            if (hint is not null)
                RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }

    public Task<ModelDescription> Describe() =>
        Task.FromResult(new ModelDescription(_model.Name, _model.CreatedUnixSeconds, "platform", MaxModelLength(), _model.Options.Path));

    public Task<DeploymentStatus> GetStatus()
    {
        var statuses = Statuses().ToList();
        return Task.FromResult(new DeploymentStatus(_model.Name, _desired,
            statuses.Count(s => s.Phase == ReplicaPhase.Loading), statuses.Count(s => s.Phase == ReplicaPhase.Ready),
            statuses.Select(s => s.LastError).LastOrDefault(e => e is not null), statuses, LiveMetrics()));
    }

    public Task<TokenizeResult> Tokenize(TokenizeInput input)
    {
        var assets = _model.Assets;
        var ids = input.Messages is { } messages
            ? assets.EncodeChat(assets.RenderChat(messages, input.AddGenerationPrompt))
            : assets.Tokenizer.Encode(input.Prompt ?? "", input.AddSpecialTokens);
        return Task.FromResult(new TokenizeResult(ids, MaxModelLength()));
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

    private (int Replica, RoutingReason Reason) Pick(RouteRequest request)
    {
        var key = request.AffinityKey;
        if (_model.Replicas == 1)
            return (0, RoutingReason.Single);
        var ready = new Dictionary<int, ReplicaLoad>();
        var loading = -1;
        for (var r = 0; r < _model.Replicas; r++)
        {
            var status = _replicas.Current(r, SiloAlive);
            if (status?.Phase == ReplicaPhase.Ready)
                ready[r] = _replicas.RoutingLoad(r, status);
            else if (status?.Phase == ReplicaPhase.Loading && loading < 0)
                loading = r;
        }
        Exclude(ready, r => !_breakers.Admits(r));
        if (request.Avoid is { Length: > 0 } avoid)
            Exclude(ready, r => avoid.Contains(_model.ReplicaKey(r)));
        if (ready.Count > 0 && _model.Options.Routing is RoutingPolicy.RoundRobin or RoutingPolicy.Random)
            return (InTurn(ready.Keys), RoutingReason.Load);
        if (ready.Count > 0 && _model.Options.Routing == RoutingPolicy.Prefix)
        {
            Span<int> matched = stackalloc int[PrefixIndex.MaxReplicas];
            _index.Match(request.BlockKeys, matched);
            var stickyReplica = _affinity.TryGet(key, out var s) && ready.ContainsKey(s) ? s : -1;
            return PrefixRouting.Pick(ready, matched, _model.Options.Engine.BlockSize, stickyReplica, _prefixRouting);
        }
        if (_affinity.TryGet(key, out var sticky) && ready.ContainsKey(sticky) && !IsBackedUp(sticky, ready))
            return (sticky, AffinityKeys.IsPrefix(key) ? RoutingReason.Prefix : RoutingReason.Session);
        if (ready.Count > 0)
            return (ready.MinBy(l => (l.Value.Running + l.Value.Waiting, l.Value.KvUsage)).Key, RoutingReason.Load);
        if (loading >= 0)
            return (loading, RoutingReason.Loading);
        // Nothing in memory: wake replicas in turn, so a burst of new prefixes spreads over them.
        return (_nextCold++ % _desired, RoutingReason.Cold);
    }

    /// <summary>
    /// Drops the ready replicas <paramref name="excluded"/> names unless that would leave none: with every replica
    /// ejected or already failed, a request still goes to one of them rather than nowhere.
    /// </summary>
    private static void Exclude(Dictionary<int, ReplicaLoad> ready, Func<int, bool> excluded)
    {
        var drop = ready.Keys.Where(excluded).ToList();
        if (drop.Count == ready.Count)
            return;
        foreach (var replica in drop)
            ready.Remove(replica);
    }

    /// <summary>The next ready replica in turn, or one at random, as the policy says (the baselines prefix routing is measured against).</summary>
    private int InTurn(IEnumerable<int> ready)
    {
        var candidates = ready.Order().ToArray();
        return _model.Options.Routing == RoutingPolicy.Random ? candidates[Random.Shared.Next(candidates.Length)] : candidates[_nextTurn++ % candidates.Length];
    }

    /// <summary>Affinity yields when its replica has a queue while another ready replica has none and fewer running.</summary>
    private static bool IsBackedUp(int replica, Dictionary<int, ReplicaLoad> loads) =>
        loads.TryGetValue(replica, out var mine) && mine.Waiting > 0
        && loads.Values.Any(other => other.Waiting == 0 && other.Running < mine.Running);

    /// <summary>Every replica up to the replica count, and any beyond it still in memory (an auto count that went down).</summary>
    private IEnumerable<ReplicaStatus> Statuses()
    {
        for (var r = 0; r < _model.Replicas; r++)
        {
            var current = _replicas.Current(r, SiloAlive);
            if (current is not null)
                yield return current;
            else if (r < _desired)
                yield return new ReplicaStatus(_model.ReplicaKey(r), ReplicaPhase.Unloaded, "", 0, ReplicaLoad.Idle(_model.ReplicaKey(r)), null);
        }
    }

    /// <summary>The last metrics of each replica series whose silo is alive (a dead silo's series left its `/metrics` too).</summary>
    private List<ReplicaMetricsSnapshot> LiveMetrics()
    {
        foreach (var key in _metrics.Keys.Where(k => !SiloAlive(k.Silo)).ToList())
            _metrics.Remove(key);
        return [.. _metrics.Values];
    }

    private int MaxModelLength() =>
        Statuses().Select(s => s.MaxModelLength).FirstOrDefault(n => n > 0) is var loaded and > 0 ? loaded : _model.ConfiguredMaxModelLength();

    private bool SiloAlive(string silo)
    {
        if (silo.Length == 0)
            return true;
        var address = SiloAddress.FromParsableString(silo);
        return membership.CurrentSnapshot.GetSiloStatus(address) is not (SiloStatus.Dead or SiloStatus.ShuttingDown or SiloStatus.Stopping);
    }

    private int? ReplicaIndex(string replicaKey)
    {
        var slash = replicaKey.LastIndexOf('/');
        return slash > 0 && replicaKey.AsSpan(0, slash).SequenceEqual(_model.Name) && int.TryParse(replicaKey.AsSpan(slash + 1), out var r)
               && r >= 0 && r < _model.Replicas ? r : null;
    }
}
