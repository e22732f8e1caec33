using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Platform.Api.Tests.Endpoints.Support;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Api.Tests.Audit;

/// <summary>Every API call gets one JSONL record with its tenant, route, status, tokens, latency and cost; the file is read after the server stopped (which drains the queue).</summary>
public class AuditRecordTests
{
    private const string Chat = """{"model":"tiny","messages":[{"role":"user","content":"a secret prompt"}]}""";
    private const string ChatPath = "/v1/chat/completions";

    // The scripted backend: 5 prompt tokens of which 2 cached, 3 completion tokens.
    private const decimal ScriptedCost = (3 * 1.00m + 2 * 0.50m + 3 * 2.00m) / 1_000_000m;

    [Fact]
    public async Task AChatCall_IsOneRecord_WithItsTenantModelRouteStatusTokensAndCost()
    {
        using var audit = new AuditFile();
        string responseId;
        await using (var server = await audit.StartServerAsync())
        {
            var (status, body) = await server.PostJsonAsync(ChatPath, Chat);
            Assert.Equal(200, status);
            responseId = (string)body["id"]!;
        }

        var record = Assert.Single(audit.Records());
        Assert.Equal(responseId, (string?)record["request_id"]);
        Assert.Equal("default", (string?)record["tenant"]);
        Assert.Equal("tiny", (string?)record["model"]);
        Assert.Equal(ChatPath, (string?)record["route"]);
        Assert.Equal("POST", (string?)record["method"]);
        Assert.Equal(200, (int)record["status"]!);
        Assert.False((bool)record["client_disconnected"]!);
        Assert.Null(record["error"]);
        Assert.Equal((ScriptedBackend.PromptTokens, ScriptedBackend.CachedTokens, 3),
            ((int)record["prompt_tokens"]!, (int)record["cached_tokens"]!, (int)record["completion_tokens"]!));
        Assert.Equal(ScriptedCost, record["cost"]!.GetValue<decimal>());
        Assert.True((double)record["latency_ms"]! >= 0);
        Assert.EndsWith("Z", (string?)record["time"]);
        Assert.True(Guid.TryParse((string?)record["id"], out _));
    }

    [Fact]
    public async Task TheRequestsUserAndSafetyIdentifier_AreRecorded_AndAbsentOnesAreNull()
    {
        using var audit = new AuditFile();
        await using (var server = await audit.StartServerAsync())
        {
            Assert.Equal(200, (await server.PostJsonAsync(ChatPath,
                """{"model":"tiny","user":"user-42","safety_identifier":"sid-9","messages":[{"role":"user","content":"hi"}]}""")).Item1);
            Assert.Equal(200, (await server.PostJsonAsync(ChatPath, Chat)).Item1);
        }

        var records = audit.Records().ToList();
        Assert.Equal(("user-42", "sid-9"), ((string?)records[0]["user"], (string?)records[0]["safety_identifier"]));
        Assert.Equal(((string?)null, (string?)null), ((string?)records[1]["user"], (string?)records[1]["safety_identifier"]));
    }

    [Fact]
    public async Task ErrorAnswers_AreRecordedToo_EachWithItsStatusAndCode_ButProbesAndScrapesAreNot()
    {
        using var audit = new AuditFile();
        await using (var server = await audit.StartServerAsync(configure: o => o.ApiKey = "k3y"))
        {
            await server.PostAsync(ChatPath, Chat);
            await server.PostAsync(ChatPath, """{"model":"tiny","messages":"nope"}""", Bearer);
            await server.PostAsync(ChatPath, """{"model":"no-such-model","messages":[{"role":"user","content":"hi"}]}""", Bearer);
            await server.SendAsync(HttpMethod.Get, "/no/such/path", "k3y");
            server.Backend.Refuse = _ => new PlatformRequestException(PlatformRequestException.QueueFull, "queue full");
            await server.PostAsync(ChatPath, Chat, Bearer);
            await server.Client.GetAsync("/health");
            await server.Client.GetAsync("/metrics");
        }

        var records = audit.Records();
        Assert.Equal(
        [
            (401, "invalid_api_key", ChatPath, null),
            (400, "invalid_type", ChatPath, null),
            (404, "model_not_found", ChatPath, null),
            (404, "unknown_url", "unmatched", null),
            (429, "queue_full", ChatPath, "tiny"),
        ], records.Select(r => ((int)r["status"]!, (string?)r["error"], (string?)r["route"], (string?)r["model"])).ToArray());
        // A refused call used no tokens: its cost is zero where the model is priced, null where it is not known.
        Assert.Equal(0m, records[^1]["cost"]!.GetValue<decimal>());
        Assert.Null(records[0]["cost"]);
    }

    [Fact]
    public async Task AStreamedCall_IsRecordedWhenTheStreamEnds_WithTheStreamsUsage()
    {
        using var audit = new AuditFile();
        await using (var server = await audit.StartServerAsync())
        {
            var (status, body) = await server.PostAsync(ChatPath,
                """{"model":"tiny","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"hi"}]}""");
            Assert.Equal(200, status);
            Assert.EndsWith("data: [DONE]\n\n", body);
        }

        var record = Assert.Single(audit.Records());
        Assert.Equal((200, false, 5, 2, 3), ((int)record["status"]!, (bool)record["client_disconnected"]!,
            (int)record["prompt_tokens"]!, (int)record["cached_tokens"]!, (int)record["completion_tokens"]!));
        Assert.Equal(ScriptedCost, record["cost"]!.GetValue<decimal>());
        Assert.StartsWith("chatcmpl-", (string?)record["request_id"]);
    }

    [Fact]
    public async Task AStreamFailingAfterIts200_IsRecordedWithTheErrorThatEndedIt()
    {
        using var audit = new AuditFile();
        await using (var server = await audit.StartServerAsync())
        {
            server.Backend.Script = job => [ScriptedBackend.Chunk(job, "Hel", 1, 0), new TokenChunk("", [], Error: new GenerationError("model_unavailable", "replica crashed"))];
            var (status, _) = await server.PostAsync(ChatPath, """{"model":"tiny","stream":true,"messages":[{"role":"user","content":"hi"}]}""");
            Assert.Equal(200, status);
        }

        var record = Assert.Single(audit.Records());
        Assert.Equal((200, "model_unavailable", 1), ((int)record["status"]!, (string?)record["error"], (int)record["completion_tokens"]!));
    }

    [Fact]
    public async Task AStreamTheClientCutShort_IsRecordedAsADisconnect_WithTheTokensItWasSent()
    {
        using var audit = new AuditFile();
        await using (var server = await audit.StartServerAsync())
        {
            server.Backend.HoldUntilCancelled = true;
            using var request = new HttpRequestMessage(HttpMethod.Post, ChatPath)
            {
                Content = new StringContent("""{"model":"tiny","stream":true,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"),
            };
            using (var response = await server.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
            {
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
                while (await reader.ReadLineAsync() is { } line && !line.Contains("Hello", StringComparison.Ordinal))
                {
                }
            }
            await server.Backend.WaitForCancelAsync(Assert.Single(server.Backend.Jobs).RequestId);
        }

        var record = Assert.Single(audit.Records());
        Assert.True((bool)record["client_disconnected"]!);
        Assert.Equal(200, (int)record["status"]!);
        // "Hello" was read, " world" may have been sent too; the final "!" never was.
        Assert.InRange((int)record["completion_tokens"]!, 1, 2);
    }

    [Fact]
    public async Task AModelWithoutAPrice_HasANullCost()
    {
        using var audit = new AuditFile();
        await using (var server = await audit.StartServerAsync(a => a with { Prices = Platform.Api.Audit.ModelPrices.Parse("""{"other": {"prompt": 1, "completion": 1}}""") }))
            await server.PostAsync(ChatPath, Chat);

        var record = Assert.Single(audit.Records());
        Assert.Equal("tiny", (string?)record["model"]);
        Assert.Null(record["cost"]);
    }

    [Fact]
    public async Task SessionAndTokenizerRoutes_AreRecordedByTheirRoutePattern()
    {
        using var audit = new AuditFile();
        await using (var server = await audit.StartServerAsync())
        {
            await server.SendAsync(HttpMethod.Get, "/v1/sessions/abc");
            await server.PostAsync("/tokenize", """{"model":"tiny","prompt":"hi"}""");
            await server.SendAsync(HttpMethod.Get, "/v1/models");
        }

        Assert.Equal(["/v1/sessions/{id}", "/tokenize", "/v1/models"], audit.Records().Select(r => (string)r["route"]!).ToArray());
    }

    private static void Bearer(HttpRequestMessage request) => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "k3y");
}
