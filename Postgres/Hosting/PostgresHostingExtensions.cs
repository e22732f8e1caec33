using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.Messaging;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Platform.Postgres.Gateways;
using Platform.Postgres.GrainState;
using Platform.Postgres.Membership;

namespace Platform.Postgres.Hosting;

/// <summary>Registers the PostgreSQL providers with Orleans silos and clients.</summary>
public static class PostgresHostingExtensions
{
    /// <summary>Keeps the silo's cluster membership in PostgreSQL.</summary>
    public static ISiloBuilder UsePostgresClustering(this ISiloBuilder builder, string connectionString)
    {
        ConfigureClustering(builder.Services, connectionString);
        builder.Services.AddSingleton<IMembershipTable, PostgresMembershipTable>();
        return builder;
    }

    /// <summary>Finds the cluster's gateways in the PostgreSQL membership table its silos keep.</summary>
    public static IClientBuilder UsePostgresClustering(this IClientBuilder builder, string connectionString)
    {
        ConfigureClustering(builder.Services, connectionString);
        builder.Services.AddSingleton<IGatewayListProvider, PostgresGatewayListProvider>();
        return builder;
    }

    /// <summary>Keeps grain state in PostgreSQL for grains that name no storage provider.</summary>
    public static ISiloBuilder AddPostgresGrainStorageAsDefault(
        this ISiloBuilder builder, string connectionString, Action<PostgresGrainStorageOptions>? configure = null) =>
        builder.AddPostgresGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, connectionString, configure);

    /// <summary>Keeps grain state in PostgreSQL for grains that name storage provider <paramref name="name"/>.</summary>
    public static ISiloBuilder AddPostgresGrainStorage(
        this ISiloBuilder builder, string name, string connectionString, Action<PostgresGrainStorageOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var options = builder.Services.AddOptions<PostgresGrainStorageOptions>(name).Configure(o => o.ConnectionString = connectionString);
        if (configure is not null)
            options.Configure(configure);
        // Fills in the silo's default serializer where the options name none.
        builder.Services.TryAddEnumerable(ServiceDescriptor.Transient<
            IPostConfigureOptions<PostgresGrainStorageOptions>, DefaultStorageProviderSerializerOptionsConfigurator<PostgresGrainStorageOptions>>());
        builder.Services.AddGrainStorage(name, PostgresGrainStorageFactory.Create);
        return builder;
    }

    private static void ConfigureClustering(IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.Configure<PostgresClusteringOptions>(o => o.ConnectionString = connectionString);
    }
}
