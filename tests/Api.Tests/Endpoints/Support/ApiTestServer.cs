using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Api.Hosting;
using Platform.Grains.Interfaces.Generation;
using Platform.Runtime.Hosting;
using Platform.Runtime.Streams;

namespace Platform.Api.Tests.Endpoints.Support;

/// <summary>The API on a real Kestrel at 127.0.0.1 (a free port) over the real grain runtime, with the scripted grains behind it.</summary>
public sealed class ApiTestServer : IAsyncDisposable
{
    public const string Model = "tiny";

    readonly WebApplication _app;

    ApiTestServer(WebApplication app, Uri address)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Client { get; }

    public ScriptedBackend Backend => _app.Services.GetRequiredService<ScriptedBackend>();

    public static async Task<ApiTestServer> StartAsync(Action<ApiOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddGrainRuntime(runtime =>
        {
            runtime.Configure(o => o.CallTimeout = TimeSpan.FromSeconds(10));
            runtime.AddMemoryStreams(TokenStreams.Provider);
        });
        builder.Services.AddSingleton<ScriptedBackend>();
        var options = new ApiOptions();
        options.ServedModels.Add(Model);
        configure?.Invoke(options);
        builder.Services.AddPlatformApi(options);
        var app = builder.Build();
        app.MapPlatformApi();
        await app.StartAsync();
        return new ApiTestServer(app, new Uri(app.Urls.First()));
    }

    /// <summary>POSTs <paramref name="json"/> and returns the status with the body parsed as JSON.</summary>
    public async Task<(int Status, JsonNode Body)> PostJsonAsync(string path, string json, Action<HttpRequestMessage>? configure = null)
    {
        var (status, text) = await PostAsync(path, json, configure);
        return (status, JsonNode.Parse(text)!);
    }

    /// <summary>POSTs <paramref name="json"/> and returns the status with the raw body.</summary>
    public async Task<(int Status, string Body)> PostAsync(string path, string json, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        configure?.Invoke(request);
        using var response = await Client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Sends a body-less request and returns the status with the body parsed as JSON.</summary>
    public async Task<(int Status, JsonNode Body)> SendAsync(HttpMethod method, string path, string? bearer = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (bearer is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var response = await Client.SendAsync(request);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
