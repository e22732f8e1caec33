using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Api.Hosting;

namespace Platform.Api.Tests.Endpoints.Support;

/// <summary>
/// The API on a real Kestrel at 127.0.0.1 (a free port) co-hosting a single-silo Orleans cluster (localhost clustering on
/// free ports, memory grain storage) whose only grains are the scripted ones of this assembly.
/// </summary>
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

    /// <summary>
    /// Starts a server serving <see cref="Model"/>; <paramref name="configure"/> adjusts the options, <paramref name="services"/> adds to DI,
    /// <paramref name="pipeline"/> adds middleware after the API's own (after authentication, before the endpoints).
    /// </summary>
    public static async Task<ApiTestServer> StartAsync(Action<ApiOptions>? configure = null, Action<IServiceCollection>? services = null,
        Action<WebApplication>? pipeline = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo =>
        {
            // A cluster id of its own, so servers of tests running side by side never see each other.
            silo.UseLocalhostClustering(FreeLoopbackPort(), FreeLoopbackPort(), clusterId: $"api-tests-{Guid.NewGuid():N}");
            silo.AddMemoryGrainStorageAsDefault();
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton<ScriptedBackend>();
        services?.Invoke(builder.Services);
        var options = new ApiOptions();
        options.AddServedModel(Model);
        configure?.Invoke(options);
        builder.Services.AddPlatformApi(options);
        var app = builder.Build();
        app.MapPlatformApi();
        pipeline?.Invoke(app);
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

    static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
