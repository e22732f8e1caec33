using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Platform.Postgres.Hosting;

namespace Platform.Postgres.GrainState;

/// <summary>Builds a named <see cref="PostgresGrainStorage"/> from that name's options and the silo's services.</summary>
internal static class PostgresGrainStorageFactory
{
    public static PostgresGrainStorage Create(IServiceProvider services, string name) =>
        ActivatorUtilities.CreateInstance<PostgresGrainStorage>(
            services, name, services.GetRequiredService<IOptionsMonitor<PostgresGrainStorageOptions>>().Get(name));
}
