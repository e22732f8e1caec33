using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Platform.Silo.Hosting;
using Platform.Silo.Tests.Serving.Support;

namespace Platform.Silo.Tests.Serving;

public class OrleansDashboardTests
{
    [Fact]
    public async Task OrleansDashboard_IsServedUnderDashboardOrleans_BehindTheApiKey()
    {
        await using var host = await PlatformHost.StartAsync(new ServeOptions { Host = "127.0.0.1", Port = 0, ApiKey = "k3y" },
            [ServingServer.Model("qwen", "tiny-qwen2")], logging: _ => { });
        using var client = new HttpClient { BaseAddress = new Uri(host.Url) };

        using var anonymous = await client.GetAsync("/dashboard/orleans/");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "k3y");
        using var page = await client.GetAsync("/dashboard/orleans/");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        // Its data API lists this silo (once its first counters are in): the dashboard reaches the cluster, not only its static page.
        var silo = host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString();
        var counters = "";
        await Eventually.True(async () => (counters = await client.GetStringAsync("/dashboard/orleans/DashboardCounters")).Contains(silo, StringComparison.Ordinal),
            "the Orleans dashboard's counters to list this silo", detail: () => counters);
    }
}
