using Microsoft.Extensions.Logging;
using Platform.Api.Generation;

namespace Platform.Api.Hosting;

/// <summary>What every endpoint needs from the host: the options, the grains (of the co-hosted silo or of a cluster client) and a logger.</summary>
public sealed class ApiServices(ApiOptions options, IGrainFactory grains, ILoggerFactory loggers)
{
    public ApiOptions Options { get; } = options;

    public IGrainFactory Grains { get; } = grains;

    public ILogger Logger { get; } = loggers.CreateLogger("Platform.Api");

    internal Task<GenerationBatch> StartAsync(IReadOnlyList<PlannedChoice> plan, CancellationToken ct) => GenerationBatch.StartAsync(Grains, plan, ct);
}
