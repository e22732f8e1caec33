using Microsoft.Extensions.DependencyInjection;
using Platform.Grains.Interfaces.Models;
using Platform.Silo.Tests.Serving.Support;

namespace Platform.Silo.Tests.Serving;

[Collection(ServingCollection.Name)]
public class DisconnectTests(ServingServer server)
{
    private const int MaxTokens = 4000;

    [Fact]
    public async Task DisconnectedStream_StopsItsGeneration_AndFreesItsKvBlocks()
    {
        var replica = server.Host.Services.GetRequiredService<IGrainFactory>().GetGrain<IModelGrain>($"{ServingServer.Llama}/0");
        var before = (await replica.GetStatus()).Load;

        using (var request = ServingServer.Post("/v1/completions",
                   $$"""{"model":"llama","prompt":"Once upon a time","max_tokens":{{MaxTokens}},"temperature":0,"stream":true}""", null))
        using (var response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(200, (int)response.StatusCode);
            await using var body = await response.Content.ReadAsStreamAsync();
            using var reader = new StreamReader(body);
            Assert.StartsWith("data: ", await reader.ReadLineAsync());
            await WaitForAsync(replica, l => l.Running == 1 && l.KvUsage > 0, "the streaming generation holds KV blocks");
        }

        var load = await WaitForAsync(replica, l => l is { Running: 0, Waiting: 0, KvUsage: 0 }, "the disconnected generation's blocks are free");
        Assert.True(load.GeneratedTokens - before.GeneratedTokens < MaxTokens, "the generation stopped before its max_tokens");
    }

    private static async Task<ReplicaLoad> WaitForAsync(IModelGrain replica, Func<ReplicaLoad, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        ReplicaLoad load;
        while (!condition(load = (await replica.GetStatus()).Load))
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting until {what}: {load}");
            await Task.Delay(10);
        }
        return load;
    }
}
