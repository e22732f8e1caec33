using System.Text.Json.Nodes;
using Platform.Api.Audit;
using Platform.Silo.Hosting;
using Platform.Silo.Tests.Serving.Support;

namespace Platform.Silo.Tests.Serving;

/// <summary>The embedded server with `--audit-log PATH --audit-content --prices`: real engine tokens in the JSONL records, equal to the usage the client got.</summary>
public sealed class AuditLogServingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("platform-audit-serve-").FullName;

    private string AuditPath => Path.Combine(_directory, "audit.jsonl");

    [Fact]
    public async Task EveryCallsRecord_CarriesTheUsageTheClientGot_TheCostOfItsTokens_AndItsText()
    {
        var audit = new AuditSettings
        {
            FilePath = AuditPath,
            Content = true,
            Prices = ModelPrices.Parse("""{"qwen": {"prompt": 0.40, "cached": 0.10, "completion": 1.60}}"""),
        };
        JsonNode whole;
        List<JsonNode> events;
        await using (var host = await PlatformHost.StartAsync(new ServeOptions { Port = 0, Audit = audit }, [ServingServer.Model(ServingServer.Qwen, "tiny-qwen2")], logging: _ => { }))
        {
            await host.WaitUntilReadyAsync(TimeSpan.FromMinutes(1));
            using var client = new HttpClient { BaseAddress = new Uri(host.Url), Timeout = TimeSpan.FromMinutes(2) };
            using (var response = await client.SendAsync(ServingServer.Post("/v1/completions", """{"model":"qwen","prompt":"Once upon a time","max_tokens":6,"temperature":0}""", null)))
                whole = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            using (var response = await client.SendAsync(ServingServer.Post("/v1/chat/completions",
                """{"model":"qwen","messages":[{"role":"user","content":"Say hi"}],"max_tokens":5,"temperature":0,"stream":true,"stream_options":{"include_usage":true}}""", null)))
            {
                var body = await response.Content.ReadAsStringAsync();
                events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Where(e => e != "data: [DONE]")
                    .Select(e => JsonNode.Parse(e["data: ".Length..])!).ToList();
            }
        }

        var records = File.ReadAllLines(AuditPath).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(2, records.Count);
        AssertMatches(records[0], whole["usage"]!, (string)whole["id"]!, "/v1/completions");
        Assert.Equal("Once upon a time", (string?)records[0]["request"]!["prompt"]![0]);
        Assert.Equal((string?)whole["choices"]![0]!["text"], (string?)records[0]["output"]![0]);
        AssertMatches(records[1], events[^1]["usage"]!, (string)events[0]["id"]!, "/v1/chat/completions");
        var streamed = string.Concat(events.Where(e => e["choices"]!.AsArray().Count > 0).Select(e => (string?)e["choices"]![0]!["delta"]!["content"]));
        Assert.Equal(streamed, (string?)records[1]["output"]![0]);
    }

    [Fact]
    public async Task ResponsesRecords_CarryTheResponseId_ItsUsage_ItsInputAndInstructions_AndItsText_StreamedOrNot()
    {
        var audit = new AuditSettings { FilePath = AuditPath, Content = true };
        var answers = new List<JsonNode>();
        await using (var host = await PlatformHost.StartAsync(new ServeOptions { Port = 0, Audit = audit }, [ServingServer.Model(ServingServer.Qwen, "tiny-qwen2")], logging: _ => { }))
        {
            await host.WaitUntilReadyAsync(TimeSpan.FromMinutes(1));
            using var client = new HttpClient { BaseAddress = new Uri(host.Url), Timeout = TimeSpan.FromMinutes(2) };
            foreach (var stream in new[] { false, true })
            {
                var json = $$"""{"model":"qwen","instructions":"Be brief.","input":"Say hi","max_output_tokens":16,"temperature":0,"stream":{{(stream ? "true" : "false")}}}""";
                using var response = await client.SendAsync(ServingServer.Post("/v1/responses", json, null));
                var body = await response.Content.ReadAsStringAsync();
                // A stream's last event carries the finished response.
                answers.Add(stream ? JsonNode.Parse(body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)[^1].Split('\n')[1]["data: ".Length..])!["response"]! : JsonNode.Parse(body)!);
            }
        }

        var records = File.ReadAllLines(AuditPath).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(2, records.Count);
        foreach (var (record, answer) in records.Zip(answers))
        {
            var usage = answer["usage"]!;
            Assert.Equal(((string?)answer["id"], "/v1/responses", 200, "qwen"), ((string?)record["request_id"], (string?)record["route"], (int)record["status"]!, (string?)record["model"]));
            Assert.Equal(((int)usage["input_tokens"]!, (int)usage["input_tokens_details"]!["cached_tokens"]!, (int)usage["output_tokens"]!),
                ((int)record["prompt_tokens"]!, (int)record["cached_tokens"]!, (int)record["completion_tokens"]!));
            Assert.Equal(("Say hi", "Be brief."), ((string?)record["request"]!["input"], (string?)record["request"]!["instructions"]));
            Assert.Equal((string?)answer["output"]![0]!["content"]![0]!["text"], (string?)record["output"]![0]);
        }
    }

    private static void AssertMatches(JsonNode record, JsonNode usage, string responseId, string route)
    {
        int prompt = (int)usage["prompt_tokens"]!, completion = (int)usage["completion_tokens"]!;
        var cached = (int?)usage["prompt_tokens_details"]?["cached_tokens"] ?? 0;
        Assert.Equal((responseId, route, 200, "qwen"), ((string?)record["request_id"], (string?)record["route"], (int)record["status"]!, (string?)record["model"]));
        Assert.Equal((prompt, cached, completion), ((int)record["prompt_tokens"]!, (int)record["cached_tokens"]!, (int)record["completion_tokens"]!));
        Assert.True(completion > 0);
        Assert.Equal(((prompt - cached) * 0.40m + cached * 0.10m + completion * 1.60m) / 1_000_000m, record["cost"]!.GetValue<decimal>());
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
