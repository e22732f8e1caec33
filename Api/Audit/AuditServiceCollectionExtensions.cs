using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Api.Hosting;

namespace Platform.Api.Audit;

/// <summary>Registers the audit log: its queue, its instruments and its one background writer.</summary>
public static class AuditServiceCollectionExtensions
{
    public static IServiceCollection AddPlatformAudit(this IServiceCollection services, AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.QueueCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        services.AddSingleton(new AuditLog(options));
        services.AddSingleton<AuditMetrics>();
        services.AddSingleton<AuditWriter>();
        services.AddSingleton<IHostedService>(s => s.GetRequiredService<AuditWriter>());
        services.AddSingleton<IDependencyCheck, AuditHealthCheck>();
        return services;
    }
}
