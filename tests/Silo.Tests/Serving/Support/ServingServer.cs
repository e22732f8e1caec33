using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Platform.Engine.Generation;
using Platform.Grains.Catalog;
using Platform.Silo.Hosting;

namespace Platform.Silo.Tests.Serving.Support;

/// <summary>
/// The real `platform serve` host in this process on 127.0.0.1 (a free port): tiny-qwen2 as "qwen" (first, it has a chat
/// template), tiny-llama as "llama" and again as "llama-phi" with a chat template, real engines, memory state. Shared by the serving tests.
/// </summary>
public sealed class ServingServer : IAsyncLifetime
{
    public const string Qwen = "qwen";
    public const string Llama = "llama";

    /// <summary>tiny-llama (which ships no chat template) given the shared Phi-3.5 template, as `--chat-template` does.</summary>
    public const string LlamaWithTemplate = "llama-phi";

    private PlatformHost? _host;

    public PlatformHost Host => _host ?? throw new InvalidOperationException("The server is not started.");

    public HttpClient Client { get; private set; } = null!;

    public static string ModelsFolder { get; } = SharedData.Path("models");

    public async Task InitializeAsync()
    {
        var serve = new ServeOptions { Host = "127.0.0.1", Port = 0 };
        _host = await PlatformHost.StartAsync(serve, [Model(Qwen, "tiny-qwen2"), Model(Llama, "tiny-llama"),
            Model(LlamaWithTemplate, "tiny-llama") with { ChatTemplatePath = SharedData.Path("chat-templates", "microsoft-Phi-3.5-mini-instruct.jinja") }], logging: _ => { });
        await _host.WaitUntilReadyAsync(TimeSpan.FromMinutes(1));
        Client = new HttpClient { BaseAddress = new Uri(_host.Url), Timeout = TimeSpan.FromMinutes(2) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        // A shutdown that hangs (an engine thread that never stops) fails the run instead of stalling it.
        if (_host is not null)
            await _host.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(1));
    }

    /// <summary>POSTs <paramref name="json"/> and returns the status with the body parsed as JSON.</summary>
    public async Task<(int Status, JsonNode Body)> PostJsonAsync(string path, string json, string? sessionId = null)
    {
        using var request = Post(path, json, sessionId);
        using var response = await Client.SendAsync(request);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>POSTs a streaming request and returns its JSON events (checking the `data:` framing and the closing `[DONE]`).</summary>
    public async Task<IReadOnlyList<JsonNode>> PostStreamAsync(string path, string json)
    {
        using var request = Post(path, json, null);
        using var response = await Client.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.EndsWith("data: [DONE]\n\n", body);
        return body[..^"data: [DONE]\n\n".Length].Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e =>
        {
            Assert.StartsWith("data: ", e);
            return JsonNode.Parse(e["data: ".Length..])!;
        }).ToList();
    }

    public static HttpRequestMessage Post(string path, string json, string? sessionId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (sessionId is not null)
            request.Headers.Add("X-Session-Id", sessionId);
        return request;
    }

    /// <summary>A served model from the shared test models with a small KV pool.</summary>
    internal static ServedModelOptions Model(string name, string folder) => new()
    {
        Name = name,
        Path = Path.Combine(ModelsFolder, folder),
        // 512 blocks of 16 tokens: 16 concurrent short requests and one long one fit at once.
        Engine = new EngineOptions { NumKvBlocks = 512 },
    };
}

/// <summary>The serving tests share one server and run one after another (the KV checks need a quiet replica).</summary>
[CollectionDefinition(Name)]
public sealed class ServingCollection : ICollectionFixture<ServingServer>
{
    public const string Name = "Serving";
}
