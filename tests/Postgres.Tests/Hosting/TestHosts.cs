using Microsoft.Extensions.Hosting;

namespace Platform.Postgres.Tests.Hosting;

/// <summary>Silo and client hosts without configuration files or environment, so only what a test sets applies.</summary>
internal static class TestHosts
{
    public static IHost Silo(Action<ISiloBuilder> configure)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.UseOrleans(configure);
        return builder.Build();
    }

    public static IHost Client(Action<IClientBuilder> configure)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.UseOrleansClient(configure);
        return builder.Build();
    }
}
