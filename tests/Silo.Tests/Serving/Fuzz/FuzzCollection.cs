using Platform.Silo.Tests.Serving.Support;

namespace Platform.Silo.Tests.Serving.Fuzz;

/// <summary>
/// The fuzz suite gets its own server and runs alone, after the parallel collections: its heap check reads the whole
/// process's heap, which other tests' hosts would otherwise grow while it runs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FuzzCollection : ICollectionFixture<ServingServer>
{
    public const string Name = "Fuzz";
}
