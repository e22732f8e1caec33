using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Engine.Generation;
using Platform.Grains.Catalog;
using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Models;
using Platform.Runtime.Grains;
using Platform.Runtime.Hosting;
using Platform.Runtime.Streams;
using Platform.Runtime.Timers;

namespace Platform.Grains.Models;

/// <summary>
/// One engine replica: loads the model on activation and unloads it when collected idle (scale to zero). Reentrant, so
/// generations never hold its turn: each runs in the engine and is pumped to its token stream in the background.
/// </summary>
[Reentrant]
public sealed class ModelGrain(ModelCatalog catalog, IServiceProvider services, IOptions<GrainRuntimeOptions> runtime, ILogger<ModelGrain> logger)
    : Grain, IModelGrain
{
    private static readonly TimeSpan BusyKeepAlive = TimeSpan.FromSeconds(30);

    /// <summary>How long the replica may sit idle: the idle clock restarts when its last generation ends, not at the call that started it.</summary>
    private readonly TimeSpan _idleAge = runtime.Value.CollectionAgeByGrainType.GetValueOrDefault("model", runtime.Value.CollectionAge);

    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);
    private ServedModel _model = null!;
    private int _replica;
    private ReplicaEngine? _replicaEngine;
    private IStreamProvider _streams = null!;
    private IGrainTimer? _busyTimer;
    private volatile bool _engineFailed;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_model, _replica) = catalog.ResolveReplica(GetPrimaryKeyString());
        _streams = services.GetStreamProvider(TokenStreams.Provider);
        logger.LogInformation("Loading model {Model} replica {Replica} from {Path}", _model.Name, _replica, _model.Options.Path);
        var clock = Stopwatch.StartNew();
        var loaded = await Task.Run(() => _model.LoadEngine(_replica), CancellationToken.None);
        if (cancellationToken.IsCancellationRequested)
        {
            // The activation gave up while weights were loading: nobody will ever deactivate this engine, so free it now.
            loaded.Dispose();
            _model.MarkUnloaded(_replica);
            cancellationToken.ThrowIfCancellationRequested();
        }
        _replicaEngine = loaded;
        GrainMetrics.ColdStartSeconds.Record(clock.Elapsed.TotalSeconds, new KeyValuePair<string, object?>("model", _model.Name));
        logger.LogInformation("Model {Model} replica {Replica} ready: cold start {Seconds:F2} s, context {Context} tokens",
            _model.Name, _replica, clock.Elapsed.TotalSeconds, loaded.Engine.MaxModelLength);
        // Long generations see no grain calls; keep the replica from being collected idle while any runs.
        _busyTimer = RegisterGrainTimer(KeepAliveWhileBusy, new GrainTimerCreationOptions(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)) { Interleave = true });
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            _busyTimer?.Dispose();
            foreach (var cts in _running.Values)
                TryCancel(cts);
            if (_replicaEngine is { } loaded)
            {
                _replicaEngine = null;
                await Task.Run(loaded.Dispose, CancellationToken.None);
            }
        }
        finally
        {
            _model.MarkUnloaded(_replica);
            logger.LogInformation("Model {Model} replica {Replica} unloaded ({Reason})", _model.Name, _replica, reason);
        }
    }

    public Task<GenerationStarted> Generate(GenerationJob job)
    {
        if (_engineFailed)
        {
            // A failed engine thread cannot recover; the next activation loads a fresh one.
            DeactivateOnIdle();
            throw new PlatformRequestException(PlatformRequestException.ModelUnavailable, $"Model '{_model.Name}' replica {_replica} failed and is reloading; retry.");
        }
        var engine = _replicaEngine?.Engine
            ?? throw new PlatformRequestException(PlatformRequestException.ModelUnavailable, $"Model '{_model.Name}' is unloading; retry.");
        var promptIds = PromptResolver.Resolve(_model.Assets, job);
        PromptResolver.CheckContext(promptIds.Length, job.MaxTokens, engine.MaxModelLength);
        var request = SamplingMapper.ToRequest(job, promptIds);
        if (engine.GetStats().Waiting >= _model.Options.MaxWaiting)
            throw new PlatformRequestException(PlatformRequestException.QueueFull,
                $"Model '{_model.Name}' has {_model.Options.MaxWaiting} requests waiting; retry later.");
        var cts = new CancellationTokenSource();
        if (!_running.TryAdd(job.RequestId, cts))
            throw new PlatformRequestException(PlatformRequestException.InvalidValue, $"Request id '{job.RequestId}' is already running.");
        DelayDeactivation(BusyKeepAlive);
        var stream = _streams.GetStream<TokenChunk>(TokenStreams.For(job.RequestId));
        _ = Task.Run(() => PumpAsync(engine, request, stream, cts));
        return Task.FromResult(new GenerationStarted(job.RequestId, GetPrimaryKeyString(), promptIds.Length));
    }

    public Task Cancel(string requestId)
    {
        if (_running.TryGetValue(requestId, out var cts))
            TryCancel(cts);
        return Task.CompletedTask;
    }

    public Task<ReplicaLoad> GetLoad()
    {
        var key = GetPrimaryKeyString();
        if (_replicaEngine?.Engine is not { } engine)
            return Task.FromResult(new ReplicaLoad(key, 0, 0, 0, 0, 0, 0, 0));
        var s = engine.GetStats();
        return Task.FromResult(new ReplicaLoad(key, s.Running, s.Waiting, s.KvUsage.UsedFraction, s.PrefixQueriedTokens, s.PrefixHitTokens,
            s.Preemptions, s.GeneratedTokens));
    }

    private Task KeepAliveWhileBusy(CancellationToken cancellationToken)
    {
        if (!_running.IsEmpty)
            DelayDeactivation(BusyKeepAlive);
        return Task.CompletedTask;
    }

    private static void TryCancel(CancellationTokenSource cts)
    {
        try
        {
            cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The generation finished between the lookup and the cancel: nothing left to stop.
        }
    }

    /// <summary>Moves one generation's events from the engine to its stream; whatever happens, the stream ends with a final chunk or an error.</summary>
    private async Task PumpAsync(LlmEngine engine, GenerationRequest request, IAsyncStream<TokenChunk> stream, CancellationTokenSource cts)
    {
        var finished = false;
        GenerationError? failure = null;
        try
        {
            var mapper = new TokenChunkMapper(engine.Tokenizer!, request.PromptTokenIds is { Count: > 0 } prompt ? prompt[^1] : null);
            await foreach (var e in engine.GenerateAsync(request, cts.Token).ConfigureAwait(false))
            {
                var chunk = mapper.Map(e);
                finished = chunk.IsFinal;
                await stream.OnNextAsync(chunk, cts.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            // Cancelled by the client (or unloading): the engine frees the sequence's blocks at its next step.
        }
        catch (RequestRejectedException error)
        {
            if (error.Code == RequestRejectedException.EngineUnavailable)
                _engineFailed = true;
            failure = new GenerationError(EngineErrorCodes.ToPlatform(error.Code), error.Message);
        }
        catch (Exception error)
        {
            logger.LogError(error, "Generation {RequestId} on {Replica} failed", request.RequestId, GetPrimaryKeyString());
            failure = new GenerationError("internal_error", error.Message);
        }
        finally
        {
            _running.TryRemove(request.RequestId, out _);
            cts.Dispose();
            // Replaces the busy keep-alive, which would otherwise hold an idle replica in memory for up to 30 s more.
            if (_running.IsEmpty)
                DelayDeactivation(_idleAge);
        }
        try
        {
            if (failure is not null)
                await TryPublishAsync(stream, new TokenChunk("", [], Error: failure));
            else if (!finished)
                await TryPublishAsync(stream, new TokenChunk("", [], FinishReason: "abort"));
            await stream.OnCompletedAsync().ConfigureAwait(false);
        }
        catch (Exception error)
        {
            logger.LogError(error, "Could not end the token stream of {RequestId}", request.RequestId);
        }
    }

    private static async Task TryPublishAsync(IAsyncStream<TokenChunk> stream, TokenChunk chunk)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await stream.OnNextAsync(chunk, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Nobody is reading; the final chunk is not worth blocking on (subscribers still see completion).
        }
    }
}
