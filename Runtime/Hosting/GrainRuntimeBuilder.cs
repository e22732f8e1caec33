using Microsoft.Extensions.DependencyInjection;

namespace Platform.Runtime.Hosting;

/// <summary>The builder handed to <c>AddGrainRuntime</c> callbacks.</summary>
internal sealed class GrainRuntimeBuilder(IServiceCollection services) : IGrainRuntimeBuilder
{
    public IServiceCollection Services { get; } = services;
}
