using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Platform.Runtime.Invocation;

/// <summary>Process-wide table of generated proxies and grain classes, filled by the module initializers the source generator emits.</summary>
public static class GrainTypeRegistry
{
    private static readonly ConcurrentDictionary<Type, GrainInterfaceRegistration> Interfaces = new();
    private static readonly ConcurrentDictionary<Type, Type[]> GrainClasses = new();

    public static void RegisterInterface(Type interfaceType, GrainKeyKind keyKind, Func<GrainReferenceShared, GrainId, GrainReference> createProxy) =>
        Interfaces[interfaceType] = new GrainInterfaceRegistration(interfaceType, keyKind, createProxy);

    public static void RegisterGrainClass(Type grainClass, params Type[] grainInterfaces) =>
        GrainClasses[grainClass] = grainInterfaces;

    internal static GrainInterfaceRegistration GetInterface(Type interfaceType)
    {
        if (Interfaces.TryGetValue(interfaceType, out var registration))
            return registration;
        RuntimeHelpers.RunModuleConstructor(interfaceType.Module.ModuleHandle);
        if (Interfaces.TryGetValue(interfaceType, out registration))
            return registration;
        throw new InvalidOperationException(
            $"{interfaceType.FullName} has no generated grain proxy. Grain interfaces must derive from IGrainWithStringKey, IGrainWithGuidKey or " +
            "IGrainWithIntegerKey and their project must reference Runtime.Generators as an analyzer.");
    }

    /// <summary>The one grain class implementing the interface; loads referencing assemblies once when none is known yet.</summary>
    internal static Type GetImplementation(Type interfaceType)
    {
        var candidates = FindImplementations(interfaceType);
        if (candidates.Count == 0)
        {
            GrainAssemblyLoader.RunGrainModuleInitializers();
            candidates = FindImplementations(interfaceType);
        }
        return candidates.Count switch
        {
            1 => candidates[0],
            0 => throw new InvalidOperationException(
                $"No grain class implements {interfaceType.FullName}. Grain classes must be in a project that references Runtime.Generators as an analyzer."),
            _ => throw new InvalidOperationException(
                $"Several grain classes implement {interfaceType.FullName}: {string.Join(", ", candidates.Select(c => c.FullName))}."),
        };
    }

    // A class that also implements a grain interface derived from the requested one is that interface's implementation,
    // so it only counts when nothing implements the requested interface more directly.
    private static List<Type> FindImplementations(Type interfaceType)
    {
        var all = GrainClasses.Where(pair => pair.Value.Contains(interfaceType)).OrderBy(pair => pair.Key.FullName).ToList();
        var direct = all.Where(pair => !pair.Value.Any(i => i != interfaceType && interfaceType.IsAssignableFrom(i))).ToList();
        return (direct.Count > 0 ? direct : all).Select(pair => pair.Key).ToList();
    }
}

/// <summary>What the registry knows about one grain interface.</summary>
internal sealed record GrainInterfaceRegistration(
    Type InterfaceType, GrainKeyKind KeyKind, Func<GrainReferenceShared, GrainId, GrainReference> CreateProxy);
