using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Platform.Api.Hosting;
using Platform.Silo.Tests.Serving.Support;
using Xunit.Abstractions;

namespace Platform.Silo.Tests.Serving.Fuzz;

/// <summary>
/// Hundreds of malformed or hostile requests against the real serving host (in this process, so its heap can be
/// measured): each must get a 4xx in OpenAI's error envelope (or, for a body that never completes, a closed
/// connection), none a 5xx, none a hang; afterwards the server still completes a normal request and its managed heap
/// is back within a margin of where it started.
/// </summary>
[Collection(FuzzCollection.Name)]
public sealed class FuzzSuiteTests(ServingServer server, ITestOutputHelper output)
{
    // Per request; the slow cases end at Kestrel's 30 s header timeout.
    static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    // What pools may keep after the suite (ArrayPool arrays up to 1 MiB per core and size, Kestrel's memory pool,
    // the tokenizer's bounded per-thread buffers): measured at 4 to 30 MiB. A leak of 64 KiB per request would be past
    // it; before JsonBodyReader stopped pooling megabyte buffers the suite left 91 MiB.
    const long HeapMarginBytes = 64L << 20;

    [Fact]
    public async Task HostileRequests_AllGet4xxEnvelopes_NoneHangs_ServerStillServes_AndHeapReturns()
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 8 })
        {
            BaseAddress = new Uri(server.Host.Url), Timeout = Timeout.InfiniteTimeSpan,
        };
        var target = new FuzzTarget(new Uri(server.Host.Url), client);
        await AssertValidBodiesAreServedAsync(client);
        var heapBefore = SettledHeap();

        var maxBody = server.Host.Services.GetService(typeof(ApiOptions)) is ApiOptions api ? api.MaxRequestBodyBytes : 16 << 20;
        var slow = SlowCases.All().ToList();
        var fast = WrongTypeCases.All().Concat(HugeValueCases.All()).Concat(MalformedBodyCases.All(maxBody)).Concat(ProtocolCases.All()).ToList();
        var table = new FuzzTable();
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();

        // The slow ones wait on server timeouts: started first, they run alongside the rest.
        var slowRuns = slow.Select(c => RunAsync(c, target, table, failures)).ToList();
        using (var gate = new SemaphoreSlim(4))
            await Task.WhenAll(fast.Select(async c =>
            {
                await gate.WaitAsync();
                try { await RunAsync(c, target, table, failures); }
                finally { gate.Release(); }
            }));
        await Task.WhenAll(slowRuns);
        var elapsed = clock.Elapsed;
        // The cases hold their payloads (megabytes each for the large ones): dropped before the heap is measured.
        slow.Clear();
        fast.Clear();
        slowRuns.Clear();

        var order = new[]
        {
            WrongTypeCases.Category, HugeValueCases.Category, MalformedBodyCases.Utf8, MalformedBodyCases.Deep, MalformedBodyCases.Huge,
            MalformedBodyCases.Truncated, MalformedBodyCases.MediaType, ProtocolCases.Method, ProtocolCases.Path, ProtocolCases.Session,
            ProtocolCases.Headers, ProtocolCases.Url, ProtocolCases.Framing, SlowCases.Category,
        };
        output.WriteLine(table.Render(order));
        output.WriteLine($"{table.Total} requests in {elapsed.TotalSeconds:F1} s");
        Assert.True(failures.Count == 0, $"{failures.Count} of {table.Total} hostile requests were mishandled:\n{string.Join('\n', failures.Take(60))}");
        Assert.True(table.Total >= 600, $"only {table.Total} requests");

        await AssertValidBodiesAreServedAsync(client);
        var heapAfter = SettledHeap();
        output.WriteLine($"managed heap after a full GC: {heapBefore >> 20} MiB before, {heapAfter >> 20} MiB after (margin {HeapMarginBytes >> 20} MiB)");
        Assert.True(heapAfter - heapBefore < HeapMarginBytes, $"the heap grew from {heapBefore >> 20} MiB to {heapAfter >> 20} MiB");
    }

    static async Task RunAsync(FuzzCase fuzz, FuzzTarget target, FuzzTable table, List<string> failures)
    {
        using var timeout = new CancellationTokenSource(RequestTimeout);
        string? problem;
        FuzzOutcome outcome;
        try
        {
            outcome = await fuzz.Send(target, timeout.Token);
            problem = Judge(fuzz, outcome);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            outcome = new FuzzOutcome(-1, null, "");
            problem = $"no answer within {RequestTimeout.TotalSeconds} s";
        }
        table.Add(fuzz.Category, outcome);
        if (problem is not null)
            lock (failures)
                failures.Add($"[{fuzz.Category}] {FuzzText.Shorten(fuzz.Label, 300)}: {problem}");
    }

    /// <summary>Null when <paramref name="outcome"/> is a 4xx with OpenAI's envelope (or an allowed close), else what is wrong.</summary>
    static string? Judge(FuzzCase fuzz, FuzzOutcome outcome)
    {
        if (outcome.Status == 0)
            return fuzz.MayClose ? null : "the connection closed without a response";
        if (outcome.Status is < 400 or >= 500)
            return $"status {outcome.Status}: {FuzzText.Shorten(outcome.Body, 300)}";
        if (outcome.ContentType != "application/json")
            return $"status {outcome.Status} with Content-Type '{outcome.ContentType}': {FuzzText.Shorten(outcome.Body, 300)}";
        try
        {
            var error = JsonNode.Parse(outcome.Body)?["error"];
            if (error?["message"]?.GetValue<string>() is not { Length: > 0 } || error["type"]?.GetValue<string>() is not { Length: > 0 })
                return $"status {outcome.Status} without error.message and error.type: {FuzzText.Shorten(outcome.Body, 300)}";
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            return $"status {outcome.Status}, body not an error envelope: {FuzzText.Shorten(outcome.Body, 300)}";
        }
        return null;
    }

    // The unbroken bodies the cases start from are served, so each case's 4xx comes from what it broke.
    static async Task AssertValidBodiesAreServedAsync(HttpClient client)
    {
        foreach (var (path, body) in FuzzBodies.Endpoints)
        {
            using var response = await client.PostAsync(path, new StringContent(body().ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    static long SettledHeap()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }

}
