using System.Collections.Concurrent;
using Platform.Runtime.Hosting;
using Microsoft.Extensions.Options;
using Platform.Runtime.Invocation;
using Platform.Runtime.Messaging;

namespace Platform.Runtime.Activation;

/// <summary>This runtime's view of grain types: per interface, the shared reference data; per class, its settings.</summary>
internal sealed class GrainTypeCatalog(GrainCallDispatcher dispatcher, IOptions<GrainRuntimeOptions> options)
{
    private readonly ConcurrentDictionary<Type, GrainReferenceShared> interfaces = new();
    private readonly ConcurrentDictionary<Type, GrainClassInfo> classes = new();

    public GrainReferenceShared GetShared(Type interfaceType) =>
        interfaces.TryGetValue(interfaceType, out var shared) ? shared : interfaces.GetOrAdd(interfaceType, Create);

    private GrainReferenceShared Create(Type interfaceType)
    {
        var registration = GrainTypeRegistry.GetInterface(interfaceType);
        var grainClass = classes.GetOrAdd(GrainTypeRegistry.GetImplementation(interfaceType), type => new GrainClassInfo(type, options.Value));
        return new GrainReferenceShared(dispatcher, grainClass, registration);
    }
}
