using Platform.Runtime.Storage;

namespace Platform.Runtime.Tests.Storage;

/// <summary>The grain storage contract against the in-memory provider.</summary>
public sealed class MemoryGrainStorageTests : GrainStorageContractTests
{
    protected override void AddStorage(IGrainRuntimeBuilder builder, string name) => builder.AddMemoryGrainStorage(name);
}
