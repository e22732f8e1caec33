using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Runtime.Activation;
using Platform.Runtime.Hosting;

namespace Platform.Runtime.Tests.Support;

/// <summary>A started generic host running the grain runtime, with an in-test state factory; disposing stops it gracefully.</summary>
internal sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost host;

    private TestSilo(IHost host) => this.host = host;

    public IGrainFactory Grains => host.Services.GetRequiredService<IGrainFactory>();

    public TestStateFactory States => host.Services.GetRequiredService<TestStateFactory>();

    public IServiceProvider Services => host.Services;

    public int ActivationCount => host.Services.GetRequiredService<ActivationCatalog>().Count;

    public static async Task<TestSilo> StartAsync(Action<GrainRuntimeOptions>? options = null, Action<IGrainRuntimeBuilder>? runtime = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<TestStateFactory>();
        builder.Services.AddSingleton<IPersistentStateFactory>(sp => sp.GetRequiredService<TestStateFactory>());
        builder.AddGrainRuntime(b =>
        {
            // Tests never wait out production timeouts: a hang shows up as a failure within seconds.
            b.Configure(o => o.CallTimeout = TimeSpan.FromSeconds(10));
            if (options is not null)
                b.Configure(options);
            runtime?.Invoke(b);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new TestSilo(host);
    }

    public Task StopAsync() => host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
