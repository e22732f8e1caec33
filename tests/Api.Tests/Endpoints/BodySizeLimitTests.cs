using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Platform.Api.Tests.Endpoints.Support;

namespace Platform.Api.Tests.Endpoints;

public sealed class BodySizeLimitTests
{
    const int Limit = 4096;

    static string Oversized() => $$"""{"model":"tiny","prompt":"{{new string('x', 3 * Limit)}}"}""";

    [Fact]
    public async Task OversizedBodyWithContentLengthGetsThe413EnvelopeWithTheAppLimit()
    {
        await using var server = await ApiTestServer.StartAsync(o => o.MaxRequestBodyBytes = Limit);

        var (status, body) = await server.PostJsonAsync("/v1/completions", Oversized());

        AssertTooLarge(status, body);
    }

    [Fact]
    public async Task OversizedChunkedBodyGetsTheSame413Envelope()
    {
        await using var server = await ApiTestServer.StartAsync(o => o.MaxRequestBodyBytes = Limit);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/completions")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(Oversized()))),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TransferEncodingChunked = true;

        using var response = await server.Client.SendAsync(request);

        AssertTooLarge((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    static void AssertTooLarge(int status, JsonNode body)
    {
        Assert.Equal((int)HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("request_too_large", (string?)body["error"]!["code"]);
        Assert.Equal($"The request body is larger than {Limit} bytes.", (string?)body["error"]!["message"]);
    }
}
