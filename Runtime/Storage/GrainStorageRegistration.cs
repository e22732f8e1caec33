using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Platform.Runtime.Storage.Postgres;

namespace Platform.Runtime.Storage;

/// <summary>Registers named grain storage providers and the <see cref="IPersistentStateFactory"/> that uses them.</summary>
public static class GrainStorageRegistration
{
    public static IGrainRuntimeBuilder AddMemoryGrainStorage(this IGrainRuntimeBuilder builder, string name = GrainStorageNames.Default) =>
        builder.AddGrainStorage(name, _ => new MemoryGrainStorage(name));

    public static IGrainRuntimeBuilder AddMemoryGrainStorageAsDefault(this IGrainRuntimeBuilder builder) =>
        builder.AddMemoryGrainStorage(GrainStorageNames.Default);

    public static IGrainRuntimeBuilder AddPostgresGrainStorage(this IGrainRuntimeBuilder builder, string name, string connectionString) =>
        builder.AddPostgresGrainStorage(name, options => options.ConnectionString = connectionString);

    public static IGrainRuntimeBuilder AddPostgresGrainStorage(this IGrainRuntimeBuilder builder, string name, Action<PostgresGrainStorageOptions> configure)
    {
        var options = new PostgresGrainStorageOptions();
        configure(options);
        options.Validate(name);
        builder.AddGrainStorage(name, _ => new PostgresGrainStorage(name, options));
        builder.Services.AddSingleton<IHostedService>(services =>
            new PostgresSchemaInitializer((PostgresGrainStorage)services.GetRequiredKeyedService<IGrainStorage>(name)));
        return builder;
    }

    public static IGrainRuntimeBuilder AddPostgresGrainStorageAsDefault(this IGrainRuntimeBuilder builder, string connectionString) =>
        builder.AddPostgresGrainStorage(GrainStorageNames.Default, connectionString);

    /// <summary>Makes the provider registered as <paramref name="name"/> also serve states that name no storage.</summary>
    public static IGrainRuntimeBuilder AddGrainStorageAsDefault(this IGrainRuntimeBuilder builder, string name) =>
        builder.AddGrainStorage(GrainStorageNames.Default, services =>
            services.GetKeyedService<IGrainStorage>(name)
            ?? throw new InvalidOperationException($"Grain storage '{name}' was made the default but is not registered."));

    /// <summary>Registers any <see cref="IGrainStorage"/> under <paramref name="name"/>; one provider per name.</summary>
    public static IGrainRuntimeBuilder AddGrainStorage(this IGrainRuntimeBuilder builder, string name, Func<IServiceProvider, IGrainStorage> create)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var services = builder.Services;
        // Keyed registrations silently let the last one win; two providers under one name is a configuration mistake.
        if (services.Any(d => d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, name)))
            throw new InvalidOperationException($"A grain storage named '{name}' is already registered.");
        services.AddKeyedSingleton(name, (sp, _) => create(sp));
        services.TryAddSingleton(new GrainStateSerializer());
        services.TryAddSingleton<IPersistentStateFactory, PersistentStateFactory>();
        return builder;
    }
}
