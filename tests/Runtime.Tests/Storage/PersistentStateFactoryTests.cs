using Microsoft.Extensions.DependencyInjection;
using Platform.Runtime.Storage;
using Platform.Runtime.Tests.Support;

namespace Platform.Runtime.Tests.Storage;

/// <summary>How states find their named storage provider.</summary>
public sealed class PersistentStateFactoryTests
{
    [Fact]
    public async Task StatesWithoutStorageNameUseTheDefaultProviderAndNamedOnesTheirOwn()
    {
        var builder = new TestGrainRuntimeBuilder();
        builder.AddMemoryGrainStorageAsDefault().AddMemoryGrainStorage("archive");
        await using var services = builder.Build();
        var factory = services.GetRequiredService<IPersistentStateFactory>();
        var grain = new GrainId("g", "1");

        var inDefault = factory.Create<GrainStorageContractTests.CounterState>(grain, "s", null);
        inDefault.State.Count = 1;
        await inDefault.WriteStateAsync();
        var inArchive = factory.Create<GrainStorageContractTests.CounterState>(grain, "s", "archive");
        await inArchive.ReadStateAsync();

        Assert.False(inArchive.RecordExists);
        var record = await services.GetRequiredKeyedService<IGrainStorage>(GrainStorageNames.Default).ReadAsync(grain, "s");
        Assert.Equal(inDefault.Etag, record?.Etag);
    }

    [Fact]
    public async Task ANamedProviderCanBeMadeTheDefault()
    {
        var builder = new TestGrainRuntimeBuilder();
        builder.AddMemoryGrainStorage("main").AddGrainStorageAsDefault("main");
        await using var services = builder.Build();
        var factory = services.GetRequiredService<IPersistentStateFactory>();
        var grain = new GrainId("g", "1");

        var written = factory.Create<GrainStorageContractTests.CounterState>(grain, "s", null);
        written.State.Count = 4;
        await written.WriteStateAsync();
        var read = factory.Create<GrainStorageContractTests.CounterState>(grain, "s", "main");
        await read.ReadStateAsync();

        Assert.Equal(4, read.State.Count);
    }

    [Fact]
    public async Task UnknownStorageNameIsAClearError()
    {
        var builder = new TestGrainRuntimeBuilder();
        builder.AddMemoryGrainStorage();
        await using var services = builder.Build();
        var factory = services.GetRequiredService<IPersistentStateFactory>();

        var error = Assert.Throws<InvalidOperationException>(
            () => factory.Create<GrainStorageContractTests.CounterState>(new GrainId("g", "1"), "s", "missing"));
        Assert.Contains("'missing'", error.Message);
    }

    [Fact]
    public void RegisteringTwoProvidersUnderOneNameIsRejected()
    {
        var builder = new TestGrainRuntimeBuilder();
        builder.AddMemoryGrainStorage("x");
        Assert.Throws<InvalidOperationException>(() => builder.AddPostgresGrainStorage("x", "Host=127.0.0.1"));
    }

    [Fact]
    public async Task ForeignEtagIsRejectedRatherThanTreatedAsAVersion()
    {
        var storage = new MemoryGrainStorage("m");
        await Assert.ThrowsAsync<ArgumentException>(() => storage.WriteAsync(new GrainId("g", "1"), "s", "{}", "W/\"abc\""));
    }
}
