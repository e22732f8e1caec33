using Microsoft.Extensions.DependencyInjection;
using Platform.Runtime.Streams.Local;

namespace Platform.Runtime.Streams;

/// <summary>Registers named stream providers and finds them again.</summary>
public static class StreamRegistration
{
    public const string DefaultProviderName = "Default";

    /// <summary>Adds an in-process stream provider, resolvable as a keyed <see cref="IStreamProvider"/> or with GetStreamProvider(name).</summary>
    public static IGrainRuntimeBuilder AddMemoryStreams(this IGrainRuntimeBuilder builder, string name = DefaultProviderName, Action<MemoryStreamOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var options = new MemoryStreamOptions();
        configure?.Invoke(options);
        options.Validate(name);
        if (builder.Services.Any(d => d.ServiceType == typeof(IStreamProvider) && Equals(d.ServiceKey, name)))
            throw new InvalidOperationException($"A stream provider named '{name}' is already registered.");
        builder.Services.AddKeyedSingleton<IStreamProvider>(name, (services, _) =>
            new StreamProvider(name, new LocalStreamTransport(options, services.GetService<TimeProvider>())));
        return builder;
    }

    public static IStreamProvider GetStreamProvider(this IServiceProvider services, string name = DefaultProviderName) =>
        services.GetKeyedService<IStreamProvider>(name)
        ?? throw new InvalidOperationException($"No stream provider named '{name}' is registered; add one with AddMemoryStreams(\"{name}\").");
}
