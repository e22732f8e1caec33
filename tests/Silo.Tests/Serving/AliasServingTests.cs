using System.Text.Json.Nodes;
using Platform.Api.Traffic;
using Platform.Silo.Hosting;
using Platform.Silo.Tests.Serving.Support;

namespace Platform.Silo.Tests.Serving;

/// <summary>`--alias` on the real host: a pinned version answers and is named by the response; /v1/models lists the alias.</summary>
public class AliasServingTests
{
    [Fact]
    public async Task AnAliasOfTwoServedModels_AnswersWithThePinnedVersion_AndListsItsVersions()
    {
        var serve = new ServeOptions { Host = "127.0.0.1", Port = 0, Aliases = [ModelAlias.Parse($"chat={ServingServer.Llama}:90,llama-v2:10")] };
        await using var host = await PlatformHost.StartAsync(serve,
            [ServingServer.Model(ServingServer.Llama, "tiny-llama"), ServingServer.Model("llama-v2", "tiny-llama")], logging: _ => { });
        await host.WaitUntilReadyAsync(TimeSpan.FromMinutes(1));
        using var client = new HttpClient { BaseAddress = new Uri(host.Url), Timeout = TimeSpan.FromMinutes(1) };

        using var request = ServingServer.Post("/v1/completions", """{"model":"chat","prompt":"Once upon a time","max_tokens":3}""", null);
        request.Headers.Add(ModelVersions.Header, "llama-v2");
        using var response = await client.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var models = JsonNode.Parse(await client.GetStringAsync("/v1/models"))!;

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("llama-v2", body["model"]!.GetValue<string>());
        Assert.Equal("llama-v2", response.Headers.GetValues(ModelVersions.Header).Single());
        var alias = models["data"]!.AsArray().Single(m => m!["id"]!.GetValue<string>() == "chat")!;
        Assert.Equal(2, alias["versions"]!.AsArray().Count);
    }
}
