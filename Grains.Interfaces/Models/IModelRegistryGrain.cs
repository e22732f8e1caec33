namespace Platform.Grains.Interfaces.Models;

/// <summary>
/// The cluster's list of served models (one activation, key <see cref="Key"/>): each silo with engines registers the
/// names it serves and refreshes them; API nodes, which have no models of their own, read it.
/// </summary>
[Alias("platform.IModelRegistryGrain")]
public interface IModelRegistryGrain : IGrainWithStringKey
{
    public const string Key = "cluster";

    /// <summary>Records that <paramref name="silo"/> serves <paramref name="models"/>; entries not refreshed within the registry's lease expire.</summary>
    [Alias("Register")]
    Task Register(string silo, IReadOnlyList<string> models);

    /// <summary>Drops a silo's entry (it is shutting down).</summary>
    [Alias("Unregister")]
    Task Unregister(string silo);

    /// <summary>Every model some live silo serves, in registration order.</summary>
    [AlwaysInterleave, Alias("GetModels")]
    Task<IReadOnlyList<string>> GetModels();
}
