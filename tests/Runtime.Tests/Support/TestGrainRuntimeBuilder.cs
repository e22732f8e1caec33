using Microsoft.Extensions.DependencyInjection;

namespace Platform.Runtime.Tests.Support;

/// <summary>A bare runtime builder over a service collection, so providers are tested without the grain runtime.</summary>
public sealed class TestGrainRuntimeBuilder : IGrainRuntimeBuilder
{
    public IServiceCollection Services { get; } = new ServiceCollection();

    public ServiceProvider Build() => Services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
}
