using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Platform.Silo.Tests.Dashboard;

/// <summary>The operator page in a real browser against a real in-process server.</summary>
public class DashboardPageTests(DashboardServer server, ITestOutputHelper output) : IClassFixture<DashboardServer>
{
    private const string Model = DashboardServer.Model;

    // One evaluation reads everything, so the poll count and the values come from the same render.
    private const string ReadPage = """
        model => {
          const section = [...document.querySelectorAll('[data-model]')].find(e => e.getAttribute('data-model') === model);
          const value = metric => {
            const e = section && section.querySelector(`[data-metric="${metric}"]`);
            return e && e.hasAttribute('data-value') ? Number(e.getAttribute('data-value')) : null;
          };
          const rows = section ? [...section.querySelectorAll('tr[data-replica]')] : [];
          return JSON.stringify({
            polls: Number(document.body.getAttribute('data-polls') || 0),
            section: !!section,
            generation: value('generation_tokens_total'),
            generationText: section && section.querySelector('[data-metric="generation_tokens_total"]').textContent,
            prompt: value('prompt_tokens_total'),
            requests: value('requests_total'),
            replicas: rows.map(r => ({ key: r.getAttribute('data-replica'), state: r.querySelector('[data-field="state"]').getAttribute('data-value') })),
          });
        }
        """;

    [Fact]
    public async Task Dashboard_UnderLoad_ShowsTheModelWithRisingCountersThatAgreeWithMetrics()
    {
        await using var browser = await DashboardBrowser.LaunchAsync();
        var page = await browser.NewPageAsync();
        // Script exceptions, and console errors such as a Content-Security-Policy refusal, both mean a broken page.
        var pageErrors = new ConcurrentQueue<string>();
        page.PageError += (_, e) => pageErrors.Enqueue(e);
        page.Console += (_, m) =>
        {
            // The browser asks for /favicon.ico on its own; the server has none, and that is no fault of the page.
            if (m.Type == "error" && !m.Location.StartsWith(server.BaseUrl + "/favicon.ico", StringComparison.Ordinal))
                pageErrors.Enqueue($"{m.Text} ({m.Location})");
        };
        await OpenAsync(page);
        await Eventually.True(async () => (await ReadAsync(page)).Section, "the page shows a section for the model", 15);

        var load = CompletionLoad.Start(server.Client, Model);
        PageState seen = default;
        try
        {
            await Eventually.True(async () => (seen = await ReadAsync(page)).Generation > 0, "the page shows generated tokens", 20);
            var first = seen.Generation;
            await Eventually.True(async () => (seen = await ReadAsync(page)).Generation > first,
                "the page's generated tokens rise under load", 20, () => $"still {seen.Generation} (first read {first})");
        }
        finally
        {
            await load.StopAsync();
        }

        var settled = await WaitUntilStableAsync(page);
        var metrics = PrometheusText.Parse(await server.Client.GetStringAsync("/metrics"));
        Assert.Equal((long)PrometheusText.Sum(metrics, "vllm:generation_tokens_total", Model), settled.Generation);
        Assert.Equal((long)PrometheusText.Sum(metrics, "vllm:prompt_tokens_total", Model), settled.Prompt);
        // The host is this class's own, so its counters hold exactly what the load's responses reported.
        Assert.Equal(load.CompletionTokens, settled.Generation);
        Assert.Equal(load.PromptTokens, settled.Prompt);
        Assert.Equal(load.Requests, settled.Requests);
        // What a person reads is the same number, whole and without separators.
        Assert.Equal(settled.Generation.ToString(), settled.GenerationText);
        var replica = Assert.Single(settled.Replicas);
        Assert.Equal("ready", replica.State);
        Assert.StartsWith(Model, replica.Key);
        Assert.True(pageErrors.IsEmpty, "the page reported errors: " + string.Join("; ", pageErrors));

        var screenshot = Path.Combine(AppContext.BaseDirectory, "dashboard.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine($"Screenshot: {screenshot}");
        output.WriteLine($"Load: {load.Requests} requests, {load.PromptTokens} prompt and {load.CompletionTokens} generated tokens.");
    }

    [Fact]
    public async Task Dashboard_RequestsNothingOutsideItsOwnOrigin()
    {
        await using var browser = await DashboardBrowser.LaunchAsync();
        var page = await browser.NewPageAsync();
        var requests = new ConcurrentQueue<string>();
        page.Request += (_, r) => requests.Enqueue(r.Url);
        await OpenAsync(page);
        // Two polls: the requests made after the first render count too.
        await Eventually.True(async () => (await ReadAsync(page)).Polls >= 2, "the page has polled twice", 15);

        Assert.All(requests, url => Assert.StartsWith(server.BaseUrl + "/", url));
        Assert.Contains(requests, url => url.EndsWith("/dashboard/data", StringComparison.Ordinal));
        Assert.Contains(requests, url => url.EndsWith("/dashboard/dashboard.js", StringComparison.Ordinal));
    }

    private async Task OpenAsync(IPage page)
    {
        var response = await page.GotoAsync(server.BaseUrl + "/dashboard");
        Assert.True(response is { Status: 200 }, $"GET /dashboard answered {response?.Status}");
    }

    private static async Task<PageState> ReadAsync(IPage page)
    {
        var json = JsonNode.Parse(await page.EvaluateAsync<string>(ReadPage, Model))!;
        return new PageState(
            json["polls"]!.GetValue<int>(),
            json["section"]!.GetValue<bool>(),
            Whole(json["generation"]),
            json["generationText"]?.GetValue<string>(),
            Whole(json["prompt"]),
            Whole(json["requests"]),
            json["replicas"]!.AsArray().Select(r => new ReplicaRow(r!["key"]!.GetValue<string>(), r["state"]?.GetValue<string>())).ToList());
    }

    private static long? Whole(JsonNode? value) => value is null ? null : checked((long)value.GetValue<double>());

    // Stable means unchanged across two polls after the one read, so a sample the server had cached is behind us.
    private static async Task<PageState> WaitUntilStableAsync(IPage page)
    {
        var before = await ReadAsync(page);
        var after = before;
        await Eventually.True(async () =>
        {
            after = await ReadAsync(page);
            if (after.Polls < before.Polls + 2)
                return false;
            if (after.Generation == before.Generation && after.Prompt == before.Prompt && after.Requests == before.Requests)
                return true;
            before = after;
            return false;
        }, "the page's counters stop changing after the load", 20, () => $"last read {after}");
        return after;
    }

    private readonly record struct PageState(int Polls, bool Section, long? Generation, string? GenerationText, long? Prompt, long? Requests, IReadOnlyList<ReplicaRow> Replicas);

    private sealed record ReplicaRow(string Key, string? State);
}
