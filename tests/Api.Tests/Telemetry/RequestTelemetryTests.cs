using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Api.Tests.Endpoints.Support;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Api.Tests.Telemetry;

public class RequestTelemetryTests
{
    private const string Chat = """{"model":"tiny","messages":[{"role":"user","content":"a secret prompt"}]}""";

    [Fact]
    public async Task EachResponse_IsCountedByRoutePatternMethodAndStatus_InMetrics()
    {
        await using var server = await ApiTestServer.StartAsync();
        await server.PostAsync("/v1/chat/completions", Chat);
        await server.PostAsync("/v1/chat/completions", Chat);
        await server.SendAsync(HttpMethod.Get, "/v1/sessions/abc");
        await server.SendAsync(HttpMethod.Get, "/no/such/path/42");

        var metrics = await server.Client.GetStringAsync("/metrics");

        Assert.Contains("platform_http_responses_total{route=\"/v1/chat/completions\",method=\"POST\",status=\"200\"} 2", metrics);
        Assert.Contains("platform_http_responses_total{route=\"/v1/sessions/{id}\",method=\"GET\",status=\"404\"} 1", metrics);
        // Unmatched paths share one label instead of minting a series per URL.
        Assert.Contains("platform_http_responses_total{route=\"unmatched\",method=\"GET\",status=\"404\"} 1", metrics);
        Assert.DoesNotContain("/no/such/path", metrics);
    }

    [Fact]
    public async Task A429_IsCountedAsARateLimitRejection_ByItsErrorCode()
    {
        await using var server = await ApiTestServer.StartAsync();
        server.Backend.Refuse = _ => new PlatformRequestException(PlatformRequestException.QueueFull, "queue full");

        var (status, _) = await server.PostAsync("/v1/chat/completions", Chat);

        Assert.Equal(429, status);
        Assert.Contains("platform_rate_limit_rejections_total{reason=\"queue_full\"} 1", await server.Client.GetStringAsync("/metrics"));
    }

    [Fact]
    public async Task AccessLog_WritesOneLinePerRequest_WithStatusAndTokens_ButNeverThePrompt()
    {
        var lines = new ConcurrentQueue<string>();
        await using var server = await ApiTestServer.StartAsync(services: s => s.AddLogging(l => l.AddProvider(new LineCollector(lines))));

        await server.PostAsync("/v1/chat/completions", Chat);

        var access = Assert.Single(lines, l => l.StartsWith("Platform.Api.Access", StringComparison.Ordinal));
        Assert.Contains("POST /v1/chat/completions", access);
        Assert.Contains("status=200", access);
        Assert.Contains($"prompt_tokens={ScriptedBackend.PromptTokens} completion_tokens=3 cached_tokens={ScriptedBackend.CachedTokens}", access);
        Assert.DoesNotContain(lines, l => l.Contains("secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AccessLog_RecordsTheRequestsUserAndSafetyIdentifier_OnOneLine()
    {
        var lines = new ConcurrentQueue<string>();
        await using var server = await ApiTestServer.StartAsync(services: s => s.AddLogging(l => l.AddProvider(new LineCollector(lines))));

        await server.PostAsync("/v1/chat/completions", Chat.Replace("}]}", "}],\"user\":\"alice\\nforged\",\"safety_identifier\":\"hash-42\"}"));
        await server.PostAsync("/v1/chat/completions", Chat);

        var access = lines.Where(l => l.StartsWith("Platform.Api.Access", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, access.Count);
        Assert.Contains("user=alice?forged safety_identifier=hash-42", access[0]);
        Assert.Contains("user=- safety_identifier=-", access[1]);
    }

    [Fact]
    public async Task AccessLog_Off_WritesNoLine()
    {
        var lines = new ConcurrentQueue<string>();
        await using var server = await ApiTestServer.StartAsync(o => o.AccessLog = false, s => s.AddLogging(l => l.AddProvider(new LineCollector(lines))));

        await server.PostAsync("/v1/chat/completions", Chat);

        Assert.DoesNotContain(lines, l => l.StartsWith("Platform.Api.Access", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithAnApiKey_MetricsNeedsNone_AndTheDashboardAsksForBasicCredentials()
    {
        await using var server = await ApiTestServer.StartAsync(o => o.ApiKey = "k3y");

        using var metrics = await server.Client.GetAsync("/metrics");
        using var refused = await server.Client.GetAsync("/dashboard/data");
        using var basic = new HttpRequestMessage(HttpMethod.Get, "/dashboard/data");
        basic.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("operator:k3y")));
        using var allowed = await server.Client.SendAsync(basic);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/dashboard/data");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("operator:nope")));
        using var wrongAnswer = await server.Client.SendAsync(wrong);

        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.StartsWith("Basic", refused.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongAnswer.StatusCode);
    }

    /// <summary>Collects "category message" lines of every logger.</summary>
    private sealed class LineCollector(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Collector(categoryName, lines);

        public void Dispose()
        {
        }

        private sealed class Collector(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category} {formatter(state, exception)}");
        }
    }
}
