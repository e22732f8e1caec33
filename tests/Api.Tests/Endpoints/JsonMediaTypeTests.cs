using System.Net.Http.Headers;
using Platform.Api.Tests.Endpoints.Support;

namespace Platform.Api.Tests.Endpoints;

public sealed class JsonMediaTypeTests
{
    const string Chat = """{"model":"tiny","messages":[{"role":"user","content":"hi"}]}""";

    [Theory]
    [InlineData("/v1/chat/completions", "text/plain")]
    [InlineData("/v1/completions", "application/x-www-form-urlencoded")]
    [InlineData("/tokenize", "text/plain")]
    [InlineData("/detokenize", "multipart/form-data")]
    public async Task NonJsonContentTypeIsRefusedWith415InTheEnvelope(string path, string contentType)
    {
        await using var server = await ApiTestServer.StartAsync();

        var (status, body) = await server.PostJsonAsync(path, Chat, r => r.Content!.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType));

        Assert.Equal(415, status);
        Assert.Equal(("invalid_request_error", "unsupported_media_type"), ((string?)body["error"]!["type"], (string?)body["error"]!["code"]));
        Assert.Null(body["error"]!["param"]);
        Assert.Contains("application/json", (string?)body["error"]!["message"]);
    }

    [Fact]
    public async Task MissingContentTypeIsRefusedWith415()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (status, _) = await server.PostJsonAsync("/v1/chat/completions", Chat, r => r.Content!.Headers.ContentType = null);

        Assert.Equal(415, status);
    }

    [Fact]
    public async Task JsonContentTypeWithParametersInAnyCaseIsAccepted()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (status, _) = await server.PostJsonAsync("/v1/chat/completions", Chat,
            r => r.Content!.Headers.ContentType = MediaTypeHeaderValue.Parse("Application/JSON; charset=utf-8"));

        Assert.Equal(200, status);
    }

    [Theory]
    [InlineData("gzip", 415)]
    [InlineData("br", 415)]
    [InlineData("identity", 200)]
    public async Task ContentEncodingOtherThanIdentityIsRefused(string encoding, int expected)
    {
        await using var server = await ApiTestServer.StartAsync();

        var (status, body) = await server.PostJsonAsync("/v1/chat/completions", Chat, r => r.Content!.Headers.ContentEncoding.Add(encoding));

        Assert.Equal(expected, status);
        if (expected == 415)
            Assert.Contains("Content-Encoding", (string?)body["error"]!["message"]);
    }
}
