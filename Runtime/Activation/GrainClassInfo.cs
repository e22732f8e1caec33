using System.Reflection;
using Platform.Runtime.Grains;
using Platform.Runtime.Hosting;

namespace Platform.Runtime.Activation;

/// <summary>Everything the runtime needs about one grain class, computed once per runtime.</summary>
internal sealed class GrainClassInfo
{
    public GrainClassInfo(Type grainClass, GrainRuntimeOptions options)
    {
        GrainClass = grainClass;
        GrainTypeName = grainClass.GetCustomAttribute<GrainTypeAttribute>()?.Name ?? DefaultTypeName(grainClass);
        IsReentrant = grainClass.GetCustomAttribute<ReentrantAttribute>() is not null;
        CollectionAge = options.CollectionAgeByGrainType.TryGetValue(GrainTypeName, out var configured)
            ? configured
            : grainClass.GetCustomAttribute<CollectionAgeAttribute>()?.Age ?? options.CollectionAge;
        if (CollectionAge <= TimeSpan.Zero)
            throw new InvalidOperationException($"Grain class {grainClass.FullName} has a non-positive collection age ({CollectionAge}).");
        Activator = new GrainActivator(grainClass);
    }

    public Type GrainClass { get; }

    /// <summary>The type part of this class's grain ids.</summary>
    public string GrainTypeName { get; }

    public bool IsReentrant { get; }

    public TimeSpan CollectionAge { get; }

    public GrainActivator Activator { get; }

    private static string DefaultTypeName(Type grainClass)
    {
        var name = grainClass.Name;
        if (name.EndsWith("Grain", StringComparison.Ordinal) && name.Length > "Grain".Length)
            name = name[..^"Grain".Length];
        return name.ToLowerInvariant();
    }
}
