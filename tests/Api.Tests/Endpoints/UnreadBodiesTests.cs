using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Platform.Api.Tests.Endpoints.Support;

namespace Platform.Api.Tests.Endpoints;

public sealed class UnreadBodiesTests
{
    const int Limit = 4096;

    [Fact]
    public async Task BodyDeclaredFarOverTheLimit_TheUploadingClientStillReceivesThe413_AndTheConnectionServesTheNextRequest()
    {
        await using var server = await ApiTestServer.StartAsync(o => o.MaxRequestBodyBytes = Limit);
        // Megabytes, so the upload is still under way when the 413 is written (a few KB fit in the socket buffers).
        using var content = new ByteArrayContent(new byte[8 << 20]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await server.Client.PostAsync("/v1/completions", content);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        using var next = await server.Client.GetAsync("/v1/models");

        Assert.Equal(413, (int)response.StatusCode);
        Assert.Equal("request_too_large", (string?)body["error"]!["code"]);
        Assert.Equal(200, (int)next.StatusCode);
    }
}
