using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Platform.Api.Tests.Endpoints.Support;
using Platform.Api.Traffic;

namespace Platform.Api.Tests.Traffic;

/// <summary>Requests to an alias run on one of its versions, which the response's `model` and `x-model-version` name; the header pins one.</summary>
public class ModelVersionRoutingTests
{
    const string A = ApiTestServer.Model;
    const string B = "tiny-b";
    const string Alias = "chat";

    static Task<ApiTestServer> StartAsync() => ApiTestServer.StartAsync(options =>
    {
        options.AddServedModel(B);
        options.Aliases = new Dictionary<string, ModelAlias> { [Alias] = ModelAlias.Parse($"{Alias}={A}:90,{B}:10") };
    });

    static async Task<(int Status, JsonNode Body, string? Version)> ChatAsync(ApiTestServer server, string model, string? pin = null,
        string? session = null, bool stream = false, string path = "/v1/chat/completions")
    {
        var body = path.Contains("chat")
            ? $$"""{"model":"{{model}}","messages":[{"role":"user","content":"hi"}],"stream":{{(stream ? "true" : "false")}}}"""
            : $$"""{"model":"{{model}}","prompt":"hi"}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (pin is not null)
            request.Headers.Add(ModelVersions.Header, pin);
        if (session is not null)
            request.Headers.Add("X-Session-Id", session);
        using var response = await server.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = stream ? JsonNode.Parse(text.Split("\n").First(l => l.StartsWith("data: {"))["data: ".Length..])! : JsonNode.Parse(text)!;
        var version = response.Headers.TryGetValues(ModelVersions.Header, out var values) ? values.Single() : null;
        return ((int)response.StatusCode, json, version);
    }

    [Theory]
    [InlineData(false, "/v1/chat/completions")]
    [InlineData(true, "/v1/chat/completions")]
    [InlineData(false, "/v1/completions")]
    public async Task APinnedRequest_RunsOnThatVersion_AndTheResponseNamesIt(bool stream, string path)
    {
        await using var server = await StartAsync();

        var (status, body, version) = await ChatAsync(server, Alias, pin: B, stream: stream, path: path);

        Assert.Equal(200, status);
        Assert.Equal(B, body["model"]!.GetValue<string>());
        Assert.Equal(B, version);
        Assert.Equal(B, (await server.Backend.FirstJobAsync()).Model);
    }

    [Fact]
    public async Task UnpinnedRequests_RunOnTheVersionTheResponseNames_AndBothVersionsGetTraffic()
    {
        await using var server = await StartAsync();

        var seen = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            var (status, body, version) = await ChatAsync(server, Alias);
            Assert.Equal(200, status);
            Assert.Equal(body["model"]!.GetValue<string>(), version);
            seen.Add(version!);
        }

        Assert.Equal(seen, server.Backend.Jobs.Select(j => j.Model));
        Assert.Contains(A, seen);
        Assert.True(seen.Count(v => v == A) > seen.Count(v => v == B));
    }

    [Fact]
    public async Task APinThatIsNotOneOfTheAliasesVersions_Is400_NamingTheHeader()
    {
        await using var server = await StartAsync();

        var (status, body, _) = await ChatAsync(server, Alias, pin: "tiny-c");

        Assert.Equal(400, status);
        Assert.Equal(ModelVersions.Header, body["error"]!["param"]!.GetValue<string>());
        Assert.Contains("'tiny-b'", body["error"]!["message"]!.GetValue<string>());
        Assert.Empty(server.Backend.Jobs);
    }

    [Fact]
    public async Task APlainModel_IsItsOwnOnlyVersion()
    {
        await using var server = await StartAsync();

        Assert.Equal((200, A), Pick(await ChatAsync(server, A)));
        Assert.Equal((200, A), Pick(await ChatAsync(server, A, pin: A)));
        Assert.Equal(400, (await ChatAsync(server, A, pin: B)).Status);
        Assert.Equal(404, (await ChatAsync(server, "nope", pin: B)).Status);

        static (int, string?) Pick((int Status, JsonNode Body, string? Version) r) => (r.Status, r.Version);
    }

    [Fact]
    public async Task EveryTurnOfASession_GoesToOneVersion()
    {
        await using var server = await StartAsync();

        var versions = new List<string?>();
        for (var i = 0; i < 6; i++)
            versions.Add((await ChatAsync(server, Alias, session: "s1")).Version);

        Assert.Single(versions.Distinct());
        Assert.All(server.Backend.Turns, t => Assert.Equal(versions[0], t.Model));
    }

    [Fact]
    public async Task TheModelList_ShowsTheAliasWithItsVersionsAndWeights()
    {
        await using var server = await StartAsync();

        var list = await server.Client.GetFromJsonAsync<JsonNode>("/v1/models");
        var card = await server.Client.GetFromJsonAsync<JsonNode>($"/v1/models/{Alias}");

        var ids = list!["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).ToList();
        Assert.Equal([A, B, Alias], ids);
        Assert.Equal(Alias, card!["id"]!.GetValue<string>());
        Assert.Equal("model", card["object"]!.GetValue<string>());
        var versions = card["versions"]!.AsArray().Select(v => (v!["model"]!.GetValue<string>(), v["weight"]!.GetValue<int>())).ToList();
        Assert.Equal([(A, 90), (B, 10)], versions);
        Assert.Equal(1_700_000_000, card["created"]!.GetValue<long>());
    }
}
