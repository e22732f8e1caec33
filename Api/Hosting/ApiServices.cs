using Microsoft.Extensions.Logging;
using Platform.Api.Generation;
using Platform.Grains.Interfaces.Generation;
using Platform.Runtime;
using Platform.Runtime.Streams;

namespace Platform.Api.Hosting;

/// <summary>What every endpoint needs from the host: the options, the grains, the token streams and a logger.</summary>
public sealed class ApiServices(ApiOptions options, IClusterClient grains, IServiceProvider services, ILoggerFactory loggers)
{
    readonly Lazy<IStreamProvider> _streams = new(() => services.GetStreamProvider(TokenStreams.Provider));

    public ApiOptions Options { get; } = options;

    public IClusterClient Grains { get; } = grains;

    /// <summary>The provider token streams are published on (resolved on first use, so the API can be mapped before streams are added).</summary>
    public IStreamProvider Streams => _streams.Value;

    public ILogger Logger { get; } = loggers.CreateLogger("Platform.Api");

    internal Task<GenerationBatch> StartAsync(IReadOnlyList<PlannedChoice> plan, CancellationToken ct) =>
        GenerationBatch.StartAsync(Grains, Streams, plan, Logger, ct);
}
