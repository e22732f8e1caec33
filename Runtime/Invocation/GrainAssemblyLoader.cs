using System.Reflection;
using System.Runtime.CompilerServices;

namespace Platform.Runtime.Invocation;

/// <summary>Loads the application's assemblies that reference the runtime and runs their module initializers, so their grain classes register.</summary>
internal static class GrainAssemblyLoader
{
    private static readonly string RuntimeAssemblyName = typeof(GrainAssemblyLoader).Assembly.GetName().Name!;
    private static readonly Lock Gate = new();

    public static void RunGrainModuleInitializers()
    {
        lock (Gate)
        {
            var seen = new HashSet<string>();
            var pending = new Stack<Assembly>(AppDomain.CurrentDomain.GetAssemblies());
            if (Assembly.GetEntryAssembly() is { } entry)
                pending.Push(entry);
            while (pending.TryPop(out var assembly))
            {
                if (assembly.IsDynamic || !seen.Add(assembly.FullName!))
                    continue;
                var references = assembly.GetReferencedAssemblies();
                if (!references.Any(r => r.Name == RuntimeAssemblyName))
                    continue;
                RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
                foreach (var reference in references)
                    if (TryLoad(reference) is { } loaded)
                        pending.Push(loaded);
            }
        }
    }

    private static Assembly? TryLoad(AssemblyName name)
    {
        try
        {
            return Assembly.Load(name);
        }
        catch (IOException)
        {
            return null; // A reference the application never ships cannot hold grains it uses.
        }
    }
}
