using Platform.Grains.Interfaces.Generation;

namespace Platform.Grains.Catalog;

/// <summary>The models this silo serves, by name; grains resolve their model here (a singleton in the silo's services).</summary>
public sealed class ModelCatalog
{
    private readonly Dictionary<string, ServedModel> _models = new(StringComparer.Ordinal);

    public ModelCatalog(IEnumerable<ServedModelOptions> models)
    {
        foreach (var options in models)
            if (!_models.TryAdd(options.Name, new ServedModel(options)))
                throw new ArgumentException($"two models are served under the name '{options.Name}'; give one another --served-model-name.");
    }

    public IReadOnlyCollection<string> Names => _models.Keys;

    /// <summary>The served model, or a 404-style <see cref="PlatformRequestException"/> naming the models that exist.</summary>
    public ServedModel Get(string name) =>
        _models.TryGetValue(name, out var model)
            ? model
            : throw new PlatformRequestException(PlatformRequestException.ModelNotFound,
                $"The model '{name}' does not exist. Served models: {string.Join(", ", _models.Keys)}.", "model");

    /// <summary>Splits a model grain key "name/replica" into the served model and replica index.</summary>
    public (ServedModel Model, int Replica) ResolveReplica(string replicaKey)
    {
        var slash = replicaKey.LastIndexOf('/');
        if (slash <= 0 || !int.TryParse(replicaKey.AsSpan(slash + 1), out var replica))
            throw new ArgumentException($"'{replicaKey}' is not a model replica key (expected \"model/replica\").");
        var model = Get(replicaKey[..slash]);
        if (replica < 0 || replica >= model.Replicas)
            throw new ArgumentException($"model '{model.Name}' has {model.Replicas} replicas; there is no replica {replica}.");
        return (model, replica);
    }
}
