using System.Text;
using System.Text.Json.Nodes;

namespace Platform.Silo.Tests.Dashboard;

/// <summary>A few clients sending short `/v1/completions` back to back until stopped; totals what the responses reported.</summary>
public sealed class CompletionLoad
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;
    private long _requests, _promptTokens, _completionTokens;
    private readonly List<string> _failures = [];

    private CompletionLoad(HttpClient client, string model, int concurrency, int maxTokens)
    {
        _workers = Enumerable.Range(0, concurrency).Select(i => Task.Run(() => RunAsync(client, model, i, maxTokens))).ToArray();
    }

    public long Requests => Interlocked.Read(ref _requests);

    public long PromptTokens => Interlocked.Read(ref _promptTokens);

    public long CompletionTokens => Interlocked.Read(ref _completionTokens);

    public static CompletionLoad Start(HttpClient client, string model, int concurrency = 4, int maxTokens = 16) =>
        new(client, model, concurrency, maxTokens);

    /// <summary>Lets each client finish the request it is in (so every counted token has a response) and fails on any error.</summary>
    public async Task StopAsync()
    {
        _stop.Cancel();
        await Task.WhenAll(_workers);
        lock (_failures)
            Assert.True(_failures.Count == 0, "load requests failed: " + string.Join("; ", _failures.Take(3)));
    }

    private async Task RunAsync(HttpClient client, string model, int worker, int maxTokens)
    {
        for (var n = 0; !_stop.IsCancellationRequested; n++)
        {
            var body = new JsonObject
            {
                ["model"] = model,
                ["prompt"] = $"Client {worker} asks question {n}: once upon a time",
                ["max_tokens"] = maxTokens,
            }.ToJsonString();
            try
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await client.PostAsync("/v1/completions", content);
                var text = await response.Content.ReadAsStringAsync();
                if (!response.IsSuccessStatusCode)
                {
                    lock (_failures)
                        _failures.Add($"{(int)response.StatusCode} {text}");
                    return;
                }
                var usage = JsonNode.Parse(text)!["usage"]!;
                Interlocked.Add(ref _promptTokens, usage["prompt_tokens"]!.GetValue<long>());
                Interlocked.Add(ref _completionTokens, usage["completion_tokens"]!.GetValue<long>());
                Interlocked.Increment(ref _requests);
            }
            catch (Exception e)
            {
                lock (_failures)
                    _failures.Add(e.Message);
                return;
            }
        }
    }
}
