using Platform.Runtime.Activation;
using Platform.Runtime.Invocation;

namespace Platform.Runtime.Hosting;

/// <summary>The runtime's grain factory: builds references from the interface's generated proxy and the implementing class's grain type.</summary>
internal sealed class GrainFactory(GrainTypeCatalog types) : IClusterClient
{
    public TGrainInterface GetGrain<TGrainInterface>(string key) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(key);
        return Create<TGrainInterface>(GrainKeyKind.String, key);
    }

    public TGrainInterface GetGrain<TGrainInterface>(Guid key) where TGrainInterface : IGrainWithGuidKey =>
        Create<TGrainInterface>(GrainKeyKind.Guid, key.ToString("N"));

    public TGrainInterface GetGrain<TGrainInterface>(long key) where TGrainInterface : IGrainWithIntegerKey =>
        Create<TGrainInterface>(GrainKeyKind.Integer, key.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private TGrainInterface Create<TGrainInterface>(GrainKeyKind kind, string key)
    {
        var shared = types.GetShared(typeof(TGrainInterface));
        if (shared.Interface.KeyKind != kind)
            throw new ArgumentException($"{typeof(TGrainInterface).Name} is keyed by {shared.Interface.KeyKind}, not {kind}.");
        return (TGrainInterface)(object)shared.Interface.CreateProxy(shared, new GrainId(shared.GrainClass.GrainTypeName, key));
    }
}
