using Platform.Grains.Interfaces.Models;

namespace Platform.Grains.Models;

/// <summary>
/// The cluster's served-model list, kept in memory: silos re-register within <see cref="Lease"/>, so a registry
/// reactivated elsewhere after its silo died is whole again one refresh later, and a dead silo's entry lapses.
/// </summary>
[Reentrant]
public sealed class ModelRegistryGrain(TimeProvider time) : Grain, IModelRegistryGrain
{
    /// <summary>How often silos refresh their entry.</summary>
    public static readonly TimeSpan RefreshPeriod = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan Lease = 3 * RefreshPeriod;

    private readonly Dictionary<string, (IReadOnlyList<string> Models, DateTimeOffset At)> _silos = new(StringComparer.Ordinal);

    public Task Register(string silo, IReadOnlyList<string> models)
    {
        _silos[silo] = (models, time.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task Unregister(string silo)
    {
        _silos.Remove(silo);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> GetModels()
    {
        var now = time.GetUtcNow();
        IReadOnlyList<string> models = _silos.Values.Where(e => now - e.At < Lease).SelectMany(e => e.Models).Distinct(StringComparer.Ordinal).ToList();
        return Task.FromResult(models);
    }
}
