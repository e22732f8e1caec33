using Microsoft.Extensions.DependencyInjection;

namespace Platform.Runtime;

/// <summary>What `AddGrainRuntime(...)` hands to configuration callbacks, so storage and stream providers can register themselves.</summary>
public interface IGrainRuntimeBuilder
{
    IServiceCollection Services { get; }
}
