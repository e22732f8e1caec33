using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Orleans.Placement;
using Orleans.Runtime;
using Platform.Engine.Generation;
using Platform.Grains.Catalog;
using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Models;
using Platform.Grains.Metrics;
using Platform.Grains.Placement;
using Platform.Kernels.Attention;

namespace Platform.Grains.Models;

/// <summary>
/// One engine replica. Activation only starts the weight load in the background (so a slow load never trips Orleans'
/// activation timeout); until it is done generations are refused with model_loading. Reentrant, and generations run
/// as streamed enumerations that never hold its turn. Reports its phase and load to its deployment on every change
/// and every <see cref="ReportPeriod"/>.
/// </summary>
[Reentrant, ModelReplicaPlacement, Immovable]
public sealed class ModelGrain(ModelCatalog catalog, GenerationDrain drain, ILocalSiloDetails silo, EngineMetrics engineMetrics, SiloMetrics siloMetrics,
    LocalReplicas localReplicas, ILogger<ModelGrain> logger) : Grain, IModelGrain
{
    internal static readonly TimeSpan ReportPeriod = TimeSpan.FromSeconds(2);

    /// <summary>How often cached and evicted prefix blocks are published: the next turn of a chat should find its blocks.</summary>
    internal static readonly TimeSpan PublishPeriod = TimeSpan.FromMilliseconds(250);

    private ServedModel _model = null!;
    private int _replica;
    private ReplicaPhase _phase = ReplicaPhase.Loading;
    private Task _loading = Task.CompletedTask;
    private ReplicaEngine? _replicaEngine;
    private ReplicaMetrics? _metrics;
    private string? _lastError;
    private volatile bool _engineFailed;

    private string Key => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_model, _replica) = catalog.ResolveReplica(Key);
        localReplicas.Activated(Key, _model.Options.Engine.KvCacheMemoryBytes);
        _loading = LoadAsync();
        this.RegisterGrainTimer(() => ReportAsync(), new GrainTimerCreationOptions(ReportPeriod, ReportPeriod) { Interleave = true, KeepAlive = false });
        this.RegisterGrainTimer(() => PublishChangesAsync(), new GrainTimerCreationOptions(PublishPeriod, PublishPeriod) { Interleave = true, KeepAlive = false });
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A load still running finishes first: its engine must not outlive the activation.
        await _loading;
        _phase = ReplicaPhase.Unloaded;
        if (_replicaEngine is { } loaded)
        {
            _replicaEngine = null;
            _metrics?.Dispose();
            await Task.Run(loaded.Dispose, CancellationToken.None);
            siloMetrics.ReplicaUnloaded(_model.Name);
        }
        localReplicas.Deactivated(Key);
        // A stopping silo takes its deployment down too: a report would only wake it again somewhere.
        if (reason.ReasonCode != DeactivationReasonCode.ShuttingDown)
            await ReportAsync();
        logger.LogInformation("Model {Model} replica {Replica} unloaded ({Reason})", _model.Name, _replica, reason);
    }

    public IAsyncEnumerable<TokenChunk> Generate(GenerationJob job) => GenerateCore(job, CancellationToken.None);

    public Task<ReplicaStatus> GetStatus() => Task.FromResult(Status());

    private async Task LoadAsync()
    {
        logger.LogInformation("Loading model {Model} replica {Replica} from {Path}", _model.Name, _replica, _model.Options.Path);
        await ReportAsync();
        var clock = Stopwatch.StartNew();
        try
        {
            var loaded = await Task.Run(() => _model.LoadEngine(_replica));
            _metrics = engineMetrics.Attach(_model.Name, _replica, silo.SiloAddress.ToParsableString(), loaded.Engine);
            _replicaEngine = loaded;
            _phase = ReplicaPhase.Ready;
            siloMetrics.ReplicaLoaded(_model.Name, clock.Elapsed);
            var kv = loaded.Engine.KvCache;
            logger.LogInformation(
                "Model {Model} replica {Replica} ready: cold start {Seconds:F2} s, context {Context} tokens, KV cache {KvMiB:F1} MiB of {KvDtype} in {Blocks} blocks of {BlockSize} tokens ({KvTokens} tokens)",
                _model.Name, _replica, clock.Elapsed.TotalSeconds, loaded.Engine.MaxModelLength, kv.TotalBytes / 1048576.0, kv.Dtype.Name(), kv.NumBlocks, kv.BlockSize, kv.TotalTokens);
        }
        catch (Exception error)
        {
            _phase = ReplicaPhase.Failed;
            _lastError = error.Message;
            logger.LogError(error, "Model {Model} replica {Replica} failed to load", _model.Name, _replica);
            // The next call activates a fresh replica, which tries again.
            DeactivateOnIdle();
        }
        await ReportAsync();
    }

    private async IAsyncEnumerable<TokenChunk> GenerateCore(GenerationJob job, [EnumeratorCancellation] CancellationToken ct)
    {
        var (engine, metrics) = Admit();
        var promptIds = PromptResolver.Resolve(_model.Assets, job);
        PromptResolver.CheckContext(promptIds.Length, job.MaxTokens, engine.MaxModelLength);
        var request = SamplingMapper.ToRequest(job, promptIds, _model.Options.SharedPrefixCache) with { Constraint = OutputConstraintCompiler.Compile(engine, job.OutputConstraint) };
        if (engine.GetStats().Waiting >= _model.Options.MaxWaiting)
            throw new PlatformRequestException(PlatformRequestException.QueueFull,
                $"Model '{_model.Name}' has {_model.Options.MaxWaiting} requests waiting; retry later.");
        var mapper = new TokenChunkMapper(engine.Tokenizer!, promptIds[^1]);
        var tools = ToolCallReader.For(_model, job);
        using var running = drain.Track();
        await using var events = engine.GenerateAsync(request, ct).GetAsyncEnumerator(ct);
        var generated = 0;
        var finished = false;
        try
        {
            while (true)
            {
                var chunk = await NextAsync(events, mapper, metrics, request.RequestId, ct);
                if (tools is not null)
                    chunk = tools.Read(chunk);
                generated += chunk.TokenIds.Count;
                finished = chunk.IsFinal;
                yield return chunk;
                if (finished)
                    yield break;
            }
        }
        finally
        {
            if (!finished)
                metrics.RecordAbandoned(promptIds.Length, generated);
            // The deployment counts what it routed here until the next report: tell it at once that this one is done.
            // Only the load: the metrics snapshot rides on the periodic report, not on every request.
            _ = ReportAsync(withMetrics: false);
        }
    }

    /// <summary>The engine to run on with its metrics, or the refusal that says why there is none now.</summary>
    private (LlmEngine, ReplicaMetrics) Admit()
    {
        if (_engineFailed)
        {
            // A failed engine thread cannot recover; the next activation loads a fresh one.
            DeactivateOnIdle();
            throw new PlatformRequestException(PlatformRequestException.ModelUnavailable, $"Model '{_model.Name}' replica {_replica} failed and is reloading; retry.");
        }
        if (drain.IsDraining)
            throw new PlatformRequestException(PlatformRequestException.ReplicaDraining, $"Model '{_model.Name}' replica {_replica} is on a stopping silo; retry.");
        return _phase switch
        {
            ReplicaPhase.Ready when _replicaEngine is { } loaded && _metrics is { } metrics => (loaded.Engine, metrics),
            ReplicaPhase.Loading => throw new PlatformRequestException(PlatformRequestException.ModelLoading,
                $"Model '{_model.Name}' is still loading; retry shortly."),
            ReplicaPhase.Failed => throw new PlatformRequestException(PlatformRequestException.ModelUnavailable,
                $"Model '{_model.Name}' failed to load: {_lastError}"),
            _ => throw new PlatformRequestException(PlatformRequestException.ModelUnavailable, $"Model '{_model.Name}' is unloading; retry."),
        };
    }

    /// <summary>The next chunk; the engine ending early, refusing or failing becomes a final chunk, so every stream ends with one.</summary>
    private async ValueTask<TokenChunk> NextAsync(IAsyncEnumerator<TokenEvent> events, TokenChunkMapper mapper, ReplicaMetrics metrics, string requestId,
        CancellationToken ct)
    {
        try
        {
            if (!await events.MoveNextAsync())
                return new TokenChunk("", [], FinishReason: "abort");
            if (events.Current.IsFinal)
                metrics.RecordFinished(events.Current);
            return mapper.Map(events.Current);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (RequestRejectedException error)
        {
            if (error.Code == RequestRejectedException.EngineUnavailable)
                _engineFailed = true;
            return new TokenChunk("", [], Error: new GenerationError(EngineErrorCodes.ToPlatform(error.Code), error.Message));
        }
        catch (Exception error)
        {
            logger.LogError(error, "Generation {RequestId} on {Replica} failed", requestId, Key);
            // Logged above with its details; the client learns only that it failed (no paths, hosts or engine internals).
            return new TokenChunk("", [], Error: new GenerationError("internal_error", $"The generation failed on the replica ({error.GetType().Name}); retry the request."));
        }
    }

    private ReplicaStatus Status(bool withMetrics = true)
    {
        var load = ReplicaLoad.Idle(Key);
        if (_replicaEngine?.Engine is { } engine)
        {
            var s = engine.GetStats();
            load = new ReplicaLoad(Key, s.Running, s.Waiting, s.KvUsage.UsedFraction, s.PrefixQueriedTokens, s.PrefixHitTokens, s.Preemptions, s.GeneratedTokens);
        }
        return new ReplicaStatus(Key, drain.IsDraining && _phase == ReplicaPhase.Ready ? ReplicaPhase.Draining : _phase, silo.SiloAddress.ToParsableString(),
            _replicaEngine?.Engine.MaxModelLength ?? 0, load, _lastError, withMetrics ? _metrics?.Snapshot(Key) : null);
    }

    private Task PublishChangesAsync()
    {
        if (_replicaEngine?.Engine is not { } engine || PrefixPublication.Next(engine.DrainPrefixCacheChanges()) is not { } next)
            return Task.CompletedTask;
        return GrainFactory.GetGrain<IDeploymentGrain>(_model.Name).PublishPrefixBlocks(Key, next.Reset, next.Cached, next.Evicted);
    }

    private Task ReportAsync(bool withMetrics = true) => GrainFactory.GetGrain<IDeploymentGrain>(_model.Name).Report(Status(withMetrics));
}
