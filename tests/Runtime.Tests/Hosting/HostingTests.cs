using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.Runtime.Hosting;
using Platform.Runtime.Tests.Activation;
using Platform.Runtime.Tests.Support;

namespace Platform.Runtime.Tests.Hosting;

public sealed class HostingTests
{
    [Fact]
    public async Task Graceful_host_shutdown_deactivates_every_grain()
    {
        var journal = new Journal();
        var silo = await TestSilo.StartAsync(runtime: b => b.Services.AddSingleton(journal));
        var keys = Enumerable.Range(0, 5).Select(i => $"g{i}").ToArray();
        foreach (var key in keys)
            await silo.Grains.GetGrain<ICounterGrain>(key).Increment();

        await silo.StopAsync();

        Assert.Equal(keys.Select(k => $"deactivate:{k}:ShuttingDown").Order(), journal.Entries.Where(e => e.StartsWith("deactivate:")).Order());
        Assert.Equal(0, silo.ActivationCount);
        await silo.DisposeAsync();
    }

    [Fact]
    public async Task Calls_after_shutdown_fail_clearly_instead_of_activating_grains()
    {
        var silo = await TestSilo.StartAsync(runtime: b => b.Services.AddSingleton(new Journal()));
        var grain = silo.Grains.GetGrain<ICounterGrain>("late");
        await silo.StopAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Get());
        Assert.Contains("shutting down", error.Message);
        await silo.DisposeAsync();
    }

    [Fact]
    public async Task An_aspnet_endpoint_co_hosted_in_the_same_process_calls_grains_through_DI()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton(new Journal());
        builder.Services.AddSingleton<TestStateFactory>();
        builder.Services.AddSingleton<IPersistentStateFactory>(sp => sp.GetRequiredService<TestStateFactory>());
        builder.AddGrainRuntime();
        await using var app = builder.Build();
        app.MapPost("/counters/{name}", (string name, IGrainFactory grains) => grains.GetGrain<ICounterGrain>(name).Increment());
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        Assert.Equal(1, await (await http.PostAsync("/counters/web", null)).Content.ReadFromJsonAsync<int>());
        Assert.Equal(2, await (await http.PostAsync("/counters/web", null)).Content.ReadFromJsonAsync<int>());
        Assert.Equal(2, await app.Services.GetRequiredService<IClusterClient>().GetGrain<ICounterGrain>("web").Get());
        await app.StopAsync();
    }
}
