using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Platform.Silo.Hosting;
using Platform.Silo.Tests.Serving.Support;

namespace Platform.Silo.Tests.Observability;

/// <summary>
/// The real `platform serve` host in this process (tiny-qwen2 as "qwen") scraped every second by a real Prometheus that
/// loads helm/platform/files/prometheus-rules.yaml, after ~12 s of mixed completions and chat-session traffic.
/// </summary>
public sealed class PrometheusScrapeFixture : IAsyncLifetime
{
    public const string Model = "qwen";

    private static readonly TimeSpan LoadDuration = TimeSpan.FromSeconds(12);

    private PlatformHost? _platform;
    private PrometheusServer? _prometheus;

    public static string RulesFile { get; } = Path.Combine(SharedData.RepoRoot, "helm", "platform", "files", "prometheus-rules.yaml");

    public static string DashboardFile { get; } = Path.Combine(SharedData.RepoRoot, "helm", "platform", "files", "grafana-dashboard.json");

    public PlatformHost Platform => _platform ?? throw new InvalidOperationException("The platform is not started.");

    public PrometheusServer Prometheus => _prometheus ?? throw new InvalidOperationException("Prometheus is not started.");

    public HttpClient Client { get; private set; } = null!;

    public Uri MetricsUrl => new(Client.BaseAddress!, "metrics");

    /// <summary>The instant the queries are evaluated at: the first scrape after the load ended, so every window sees it.</summary>
    public DateTimeOffset QueryTime { get; private set; }

    /// <summary>Requests that answered 200 (streamed ones to their `[DONE]`).</summary>
    public int Completed => _completed;

    private int _completed;

    public async Task InitializeAsync()
    {
        var serve = new ServeOptions { Host = "127.0.0.1", Port = 0 };
        var model = ServingServer.Model(Model, "tiny-qwen2");
        _platform = await PlatformHost.StartAsync(serve, [model], logging: _ => { });
        await _platform.WaitUntilReadyAsync(TimeSpan.FromMinutes(1));
        Client = new HttpClient { BaseAddress = new Uri(_platform.Url), Timeout = TimeSpan.FromMinutes(1) };

        _prometheus = await PrometheusServer.StartAsync(MetricsUrl, RulesFile);
        await WaitForScrapeAfterAsync(DateTimeOffset.UtcNow);
        await DriveLoadAsync();
        // One more scrape records the last requests' counters; rates over a window ending there include the whole load.
        // Half a second past its start: the samples' millisecond timestamps are surely before it, the next scrape surely after.
        QueryTime = (await WaitForScrapeAfterAsync(DateTimeOffset.UtcNow)).AddMilliseconds(500);
    }

    /// <summary>The platform target as Prometheus sees it (`/api/v1/targets`), or null before it appears.</summary>
    public async Task<JsonNode?> PlatformTargetAsync()
    {
        var targets = await Prometheus.ApiAsync("api/v1/targets?state=active");
        return targets["activeTargets"]!.AsArray().FirstOrDefault(t => (string?)t!["labels"]!["job"] == PrometheusServer.Job);
    }

    private async Task<DateTimeOffset> WaitForScrapeAfterAsync(DateTimeOffset after)
    {
        var scraped = DateTimeOffset.MinValue;
        var last = "";
        await Eventually.True(async () =>
        {
            var target = await PlatformTargetAsync();
            last = target?.ToJsonString() ?? "no target yet";
            if ((string?)target?["health"] != "up")
                return false;
            scraped = PrometheusServer.ParseTime((string)target!["lastScrape"]!);
            return scraped > after;
        }, $"Prometheus scraped {MetricsUrl} after {after:O}", 30, () => $"target: {last}\n{Prometheus.Log}");
        return scraped;
    }

    private async Task DriveLoadAsync()
    {
        // A shared opening longer than a KV block (16 tokens) so later prompts hit the prefix cache; streams and plain
        // answers mixed. One worker holds chat sessions (three turns each) so sessions and their grains show up too.
        const string opening = "Once upon a time, in a small village at the edge of a great forest, there lived a girl who " +
                               "loved to listen to the old stories her grandmother told by the fire every evening. ";
        string[] endings = ["One day she", "The forest was", "Her grandmother said", "In the morning"];
        var deadline = DateTime.UtcNow + LoadDuration;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; DateTime.UtcNow < deadline; i++)
            {
                var stream = (i + worker) % 2 == 1;
                var text = opening + endings[(i + worker) % endings.Length];
                var chat = worker == 0;
                var body = new JsonObject { ["model"] = Model, ["max_tokens"] = 16, ["stream"] = stream };
                if (chat)
                    body["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = text });
                else
                    body["prompt"] = text;
                var path = chat ? "v1/chat/completions" : "v1/completions";
                using var request = new HttpRequestMessage(HttpMethod.Post, path)
                {
                    Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
                };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                if (chat)
                    request.Headers.Add("X-Session-Id", $"observability-{i / 3}");
                using var response = await Client.SendAsync(request);
                var answer = await response.Content.ReadAsStringAsync();
                Assert.True((int)response.StatusCode == 200, $"POST /{path} answered {(int)response.StatusCode}: {answer}");
                if (stream)
                    Assert.EndsWith("data: [DONE]\n\n", answer);
                Interlocked.Increment(ref _completed);
            }
        })));
    }

    public async Task DisposeAsync()
    {
        if (_prometheus is not null)
            await _prometheus.DisposeAsync();
        Client?.Dispose();
        // A shutdown that hangs (an engine thread that never stops) fails the run instead of stalling it.
        if (_platform is not null)
            await _platform.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(1));
    }
}
