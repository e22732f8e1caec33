using Microsoft.Extensions.DependencyInjection;
using Platform.Runtime.Filters;

namespace Platform.Runtime.Hosting;

/// <summary>Runtime settings and call filters, configured from an <c>AddGrainRuntime</c> callback.</summary>
public static class GrainRuntimeBuilderExtensions
{
    public static IGrainRuntimeBuilder Configure(this IGrainRuntimeBuilder builder, Action<GrainRuntimeOptions> configure)
    {
        builder.Services.Configure(configure);
        return builder;
    }

    public static IGrainRuntimeBuilder AddIncomingGrainCallFilter<TFilter>(this IGrainRuntimeBuilder builder)
        where TFilter : class, IIncomingGrainCallFilter
    {
        builder.Services.AddSingleton<IIncomingGrainCallFilter, TFilter>();
        return builder;
    }

    public static IGrainRuntimeBuilder AddOutgoingGrainCallFilter<TFilter>(this IGrainRuntimeBuilder builder)
        where TFilter : class, IOutgoingGrainCallFilter
    {
        builder.Services.AddSingleton<IOutgoingGrainCallFilter, TFilter>();
        return builder;
    }
}
