using System.Text;
using System.Text.Json.Nodes;
using Platform.Api.Tests.Endpoints.Support;
using Platform.TestSupport.Http;

namespace Platform.Api.Tests.Hosting.Rejections;

/// <summary>Requests Kestrel refuses before any middleware runs still get OpenAI's error envelope.</summary>
public sealed class RejectionEnvelopeTests : IAsyncLifetime
{
    ApiTestServer _server = null!;

    Uri Address => _server.Client.BaseAddress!;

    public async Task InitializeAsync() => _server = await ApiTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, byte[], int, string> Rejected => new()
    {
        { "request line too long", RawHttp.Request("GET", "/v1/models?q=" + new string('a', 10_000), "Host: x"), 414, "request_line_too_long" },
        { "headers too large", RawHttp.Request("GET", "/v1/models", "Host: x\r\nX-Big: " + new string('a', 40_000)), 431, "request_headers_too_large" },
        { "Content-Length not a number", RawHttp.Request("POST", "/v1/completions", "Host: x\r\nContent-Length: abc"), 400, "malformed_request" },
        { "two Content-Lengths", RawHttp.Request("POST", "/v1/completions", "Host: x\r\nContent-Length: 1\r\nContent-Length: 2"), 400, "malformed_request" },
        { "no Host", RawHttp.Request("GET", "/v1/models", ""), 400, "malformed_request" },
        { "two Hosts", RawHttp.Request("GET", "/v1/models", "Host: a\r\nHost: b"), 400, "malformed_request" },
        { "non-ASCII Host bytes", Encoding.UTF8.GetBytes("GET /v1/models HTTP/1.1\r\nHost: caf\u00e9\r\n\r\n"), 400, "malformed_request" },
        { "non-ASCII target bytes", Encoding.UTF8.GetBytes("GET /v1/caf\u00e9 HTTP/1.1\r\nHost: x\r\n\r\n"), 400, "malformed_request" },
        { "garbage request line", Encoding.ASCII.GetBytes("NOT HTTP AT ALL\r\n\r\n"), 400, "malformed_request" },
        // Kestrel's 505 becomes a 400: the client's fault, not the server's.
        { "unsupported HTTP version", Encoding.ASCII.GetBytes("GET /v1/models HTTP/1.7\r\nHost: x\r\n\r\n"), 400, "http_version_not_supported" },
        { "bare LF line ends", Encoding.ASCII.GetBytes("GET /v1/models HTTP/1.1\nHost: x\n\n"), 400, "malformed_request" },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public async Task KestrelRejection_GetsItsStatusWithOpenAIsEnvelope(string what, byte[] request, int status, string code)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var response = await RawHttp.ExchangeAsync(Address, request, timeout.Token);

        Assert.True(response is not null, $"{what}: no response");
        Assert.True(status == response.Status, $"{what}: {response.Status} {response.Body}");
        Assert.StartsWith("application/json", response.Headers["Content-Type"]);
        var error = JsonNode.Parse(response.Body)!["error"]!;
        Assert.Equal(code, (string?)error["code"]);
        Assert.Equal("invalid_request_error", (string?)error["type"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)error["message"]));
        Assert.True(error.AsObject().ContainsKey("param"));
    }

    [Fact]
    public async Task RejectionAfterAnAnsweredRequestOnTheSameConnection_GetsTheEnvelope_AndTheAppsAnswerIsUntouched()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var http = await RawHttp.ConnectAsync(Address, timeout.Token);

        await http.WriteAsync(RawHttp.Request("GET", "/v1/models", "Host: x"), timeout.Token);
        var models = await http.ReadResponseAsync(timeout.Token);
        await http.WriteAsync(RawHttp.Request("GET", "/v1/models", "Host: x\r\nX-Big: " + new string('a', 40_000)), timeout.Token);
        var rejected = await http.ReadResponseAsync(timeout.Token);

        Assert.Equal(200, models!.Status);
        Assert.Equal(ApiTestServer.Model, (string?)JsonNode.Parse(models.Body)!["data"]![0]!["id"]);
        Assert.Equal(431, rejected!.Status);
        Assert.Equal("request_headers_too_large", (string?)JsonNode.Parse(rejected.Body)!["error"]!["code"]);
    }

    [Fact]
    // RFC 9112 (section 6.3) lets Transfer-Encoding override Content-Length if the server then closes the connection,
    // which is what leaves no second request to smuggle: Kestrel does both, and the app cannot see the dropped length.
    public async Task BothBodyLengths_AreFramedByTheChunks_AndTheConnectionClosesAfterTheAnswer()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await using var http = await RawHttp.ConnectAsync(Address, timeout.Token);

        await http.WriteAsync(Encoding.ASCII.GetBytes("POST /v1/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"), timeout.Token);
        var refused = await http.ReadResponseAsync(timeout.Token);
        await http.WriteAsync(RawHttp.Request("GET", "/v1/models", "Host: x"), timeout.Token);

        Assert.Equal(400, refused!.Status);
        Assert.Equal("missing_required_parameter", (string?)JsonNode.Parse(refused.Body)!["error"]!["code"]);
        Assert.Equal("close", refused.Headers["Connection"]);
        Assert.Null(await http.ReadResponseAsync(timeout.Token));
    }

    [Fact]
    public async Task Http2Frames_PassThroughTheEnvelopeWriterUntouched()
    {
        // A cleartext endpoint answers the HTTP/2 preface with a GOAWAY frame (HTTP_1_1_REQUIRED). The writer holds
        // only HTTP/1.x heads, so those bytes must arrive as Kestrel wrote them: a 9-byte frame header, type 7, and
        // the error code 0xd in the last four bytes of its 8-byte payload.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(Address.Host, Address.Port, timeout.Token);
        var stream = tcp.GetStream();
        await stream.WriteAsync("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray(), timeout.Token);
        var frame = new byte[17];

        await stream.ReadExactlyAsync(frame, timeout.Token);

        Assert.Equal(8, (frame[0] << 16) | (frame[1] << 8) | frame[2]);
        Assert.Equal(7, frame[3]);
        Assert.Equal(0xd, (frame[13] << 24) | (frame[14] << 16) | (frame[15] << 8) | frame[16]);
    }

    [Fact]
    public async Task HeadersTooLarge_MessageNamesKestrelsLimits()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var response = await RawHttp.ExchangeAsync(Address, RawHttp.Request("GET", "/v1/models", "Host: x\r\nX-Big: " + new string('a', 40_000)), timeout.Token);

        Assert.Equal("The request headers are larger than 32768 bytes or more than 100 fields.", (string?)JsonNode.Parse(response!.Body)!["error"]!["message"]);
    }
}
