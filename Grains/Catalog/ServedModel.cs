using Platform.Engine.Generation;
using Platform.Engine.Models;
using Platform.Engine.Models.Configuration;

namespace Platform.Grains.Catalog;

/// <summary>
/// A model this silo can serve: its options and shared assets (read from files this silo reaches). Holds no replica
/// state: replicas may live on any silo, and each reports its own phase to the model's deployment.
/// </summary>
public sealed class ServedModel
{
    private readonly Lazy<ModelAssets> _assets;

    public ServedModel(ServedModelOptions options)
    {
        if (options.Replicas < 1)
            throw new ArgumentException($"model '{options.Name}': replicas must be at least 1, got {options.Replicas}.");
        Options = options;
        _assets = new Lazy<ModelAssets>(() => ModelAssets.Load(options.Path, options.ChatTemplatePath));
        CreatedUnixSeconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    }

    public ServedModelOptions Options { get; }

    public string Name => Options.Name;

    public long CreatedUnixSeconds { get; }

    /// <summary>Config, tokenizer and template; read once, on first use.</summary>
    public ModelAssets Assets => _assets.Value;

    public int Replicas => Options.Replicas;

    /// <summary>The grain key of replica <paramref name="index"/> ("model/index").</summary>
    public string ReplicaKey(int index) => $"{Name}/{index}";

    /// <summary>Loads weights and starts an engine for one replica (the model grain runs this on a worker thread).</summary>
    public ReplicaEngine LoadEngine(int replica)
    {
        var assets = Assets;
        var model = Options.DummyWeights
            ? RandomModel.Create(HfConfigReader.Read(Options.Path), Options.DummyWeightType, seed: 1234 + replica)
            : ModelLoader.Load(Options.Path);
        try
        {
            return new ReplicaEngine(new LlmEngine(model, assets.Tokenizer, Options.Engine with { ModelId = Name }), model);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>The context length to validate against before any replica has reported its engine's.</summary>
    public int ConfiguredMaxModelLength()
    {
        var configured = Assets.Config.MaxPositionEmbeddings;
        return Options.Engine.MaxModelLength is { } cap ? Math.Min(cap, configured) : configured;
    }
}
