using System.CommandLine;
using Platform.Silo.Benchmarks;

namespace Platform.Silo.Commands;

/// <summary>`platform bench serve`: output tokens/s, requests/s, TTFT and ITL of streaming clients at several concurrency levels, measured through HTTP.</summary>
internal static class BenchServeCommand
{
    public static Command Create()
    {
        var url = new Option<string?>("--url") { Description = "Drive an already running server at http://HOST:PORT (needs --model)" };
        var model = new Option<string?>("--model") { Description = "Served model name on --url" };
        var shape = new Option<string?>("--shape") { Description = "Start an in-process server with random weights of this Llama shape: hidden,layers,heads,kv_heads,ffn,vocab" };
        var dtype = new Option<string>("--dtype") { DefaultValueFactory = _ => "f16", Description = "Weight type for --shape: f32, f16 or q8_0" };
        var tokenizer = new Option<string?>("--tokenizer") { Description = "tokenizer.json for --shape (its vocabulary must fit the shape's vocab)" };
        var serveModel = new Option<string?>("--serve-model") { Description = "Start an in-process server for this local model folder or .gguf file" };
        var kvMemory = new Option<string>("--kv-cache-memory") { DefaultValueFactory = _ => "1GiB", Description = "KV cache budget of an in-process server" };
        var concurrency = new Option<string>("--concurrency") { DefaultValueFactory = _ => "1,16", Description = "Concurrent streaming clients per level, e.g. 1,16" };
        var promptTokens = new Option<int>("--prompt-tokens") { DefaultValueFactory = _ => 128, Description = "About this many prompt tokens per request (distinct per request)" };
        var maxTokens = new Option<int>("--max-tokens") { DefaultValueFactory = _ => 128, Description = "max_tokens of each request (greedy)" };
        var requestsPerClient = new Option<int>("--requests-per-client") { DefaultValueFactory = _ => 4, Description = "Requests each client sends back to back per level" };
        var chat = new Option<bool>("--chat") { Description = "Use /v1/chat/completions instead of /v1/completions" };
        var command = new Command("serve", "Measure a server's streaming throughput and latency over HTTP at several client concurrencies")
        {
            url, model, shape, dtype, tokenizer, serveModel, kvMemory, concurrency, promptTokens, maxTokens, requestsPerClient, chat,
        };
        command.SetAction(async (r, ct) =>
        {
            try
            {
                var target = new ServeTarget
                {
                    Url = r.GetValue(url), Model = r.GetValue(model), Shape = r.GetValue(shape), Dtype = r.GetValue(dtype)!,
                    Tokenizer = r.GetValue(tokenizer), ServeModel = r.GetValue(serveModel), KvCacheMemory = r.GetValue(kvMemory)!,
                };
                var options = new ServeBenchmarkOptions
                {
                    Levels = ConcurrentEngineBenchmark.ParseLevels(r.GetValue(concurrency)!),
                    PromptTokens = r.GetValue(promptTokens),
                    MaxTokens = r.GetValue(maxTokens),
                    RequestsPerClient = r.GetValue(requestsPerClient),
                    Chat = r.GetValue(chat),
                };
                await ServeBenchmarkSession.RunAsync(target, options, Console.Out, ct);
                return 0;
            }
            // Whatever stops a run (bad flags, an unreachable or failing server, a model that will not load) is reported, not dumped as a stack trace.
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
