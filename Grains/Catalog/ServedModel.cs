using System.Diagnostics;
using Platform.Engine.Generation;
using Platform.Engine.Models;
using Platform.Engine.Models.Configuration;

namespace Platform.Grains.Catalog;

/// <summary>A served model in this silo: its options, its shared assets, and the phase of each replica's engine.</summary>
public sealed class ServedModel
{
    private readonly Lazy<ModelAssets> _assets;
    private readonly ReplicaPhase[] _phases;
    private readonly Lock _gate = new();

    public ServedModel(ServedModelOptions options)
    {
        if (options.Replicas < 1)
            throw new ArgumentException($"model '{options.Name}': replicas must be at least 1, got {options.Replicas}.");
        Options = options;
        _assets = new Lazy<ModelAssets>(() => ModelAssets.Load(options.Path));
        _phases = new ReplicaPhase[options.Replicas];
        CreatedUnixSeconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    }

    public ServedModelOptions Options { get; }

    public string Name => Options.Name;

    public long CreatedUnixSeconds { get; }

    /// <summary>Config, tokenizer and template; read once, on first use.</summary>
    public ModelAssets Assets => _assets.Value;

    /// <summary>Context length a request may use: the engine's once loaded (it knows the KV pool), else the model's.</summary>
    public int MaxModelLength { get; private set; }

    /// <summary>Message of the last failed load, cleared by a successful one.</summary>
    public string? LastLoadError { get; private set; }

    /// <summary>Seconds the last cold start (weights + engine) took.</summary>
    public double? LastColdStartSeconds { get; private set; }

    public int Replicas => Options.Replicas;

    /// <summary>The grain key of replica <paramref name="index"/> ("model/index").</summary>
    public string ReplicaKey(int index) => $"{Name}/{index}";

    public ReplicaPhase Phase(int replica)
    {
        lock (_gate) return _phases[replica];
    }

    /// <summary>Loads weights and starts an engine for one replica (the model grain's activation calls this on a worker thread).</summary>
    public ReplicaEngine LoadEngine(int replica)
    {
        SetPhase(replica, ReplicaPhase.Loading);
        var clock = Stopwatch.StartNew();
        try
        {
            var assets = Assets;
            var model = Options.DummyWeights
                ? RandomModel.Create(HfConfigReader.Read(Options.Path), Options.DummyWeightType, seed: 1234 + replica)
                : ModelLoader.Load(Options.Path);
            LlmEngine engine;
            try
            {
                engine = new LlmEngine(model, assets.Tokenizer, Options.Engine with { ModelId = Name });
            }
            catch
            {
                model.Dispose();
                throw;
            }
            lock (_gate)
            {
                MaxModelLength = engine.MaxModelLength;
                LastLoadError = null;
                LastColdStartSeconds = clock.Elapsed.TotalSeconds;
                _phases[replica] = ReplicaPhase.Ready;
            }
            return new ReplicaEngine(engine, model);
        }
        catch (Exception error)
        {
            lock (_gate)
            {
                LastLoadError = error.Message;
                _phases[replica] = ReplicaPhase.Unloaded;
            }
            throw;
        }
    }

    /// <summary>Records that a replica's engine left memory (idle collection or shutdown).</summary>
    public void MarkUnloaded(int replica) => SetPhase(replica, ReplicaPhase.Unloaded);

    /// <summary>The context length to validate against before any replica is loaded.</summary>
    public int EffectiveMaxModelLength()
    {
        lock (_gate)
            if (MaxModelLength > 0) return MaxModelLength;
        var configured = Assets.Config.MaxPositionEmbeddings;
        return Options.Engine.MaxModelLength is { } cap ? Math.Min(cap, configured) : configured;
    }

    private void SetPhase(int replica, ReplicaPhase phase)
    {
        lock (_gate) _phases[replica] = phase;
    }
}
