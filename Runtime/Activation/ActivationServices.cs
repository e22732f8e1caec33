using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Runtime.GrainDirectory;
using Platform.Runtime.Filters;
using Platform.Runtime.Hosting;
using Platform.Runtime.Membership;
using Platform.Runtime.Messaging;

namespace Platform.Runtime.Activation;

/// <summary>The runtime services every activation of this silo shares.</summary>
internal sealed class ActivationServices(
    IServiceProvider services,
    IOptions<GrainRuntimeOptions> options,
    IGrainDirectory directory,
    IClusterMembership membership,
    IEnumerable<IIncomingGrainCallFilter> incomingFilters,
    ILogger<GrainActivation> logger)
{
    public IServiceProvider Services { get; } = services;
    public GrainRuntimeOptions Options { get; } = options.Value;
    public IGrainDirectory Directory { get; } = directory;
    public IClusterMembership Membership { get; } = membership;
    public IIncomingGrainCallFilter[] IncomingFilters { get; } = incomingFilters.ToArray();
    public ILogger Logger { get; } = logger;
    public TimeProvider Time { get; } = services.GetService<TimeProvider>() ?? TimeProvider.System;

    // Resolved late: the factory depends on the dispatcher, which depends on the catalog that owns these services.
    public IGrainFactory GrainFactory => field ??= Services.GetRequiredService<IGrainFactory>();

    /// <summary>Sends work that was queued at an activation that deactivated first on to the grain's next activation.</summary>
    public Action<GrainCall>? Redirect { get; set; }
}
