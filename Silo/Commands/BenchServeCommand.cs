using System.CommandLine;
using Platform.Silo.Benchmarks;
using Platform.Silo.Hosting;

namespace Platform.Silo.Commands;

/// <summary>
/// `platform bench serve`: output tokens/s, requests/s, TTFT and ITL of streaming clients at several concurrency levels,
/// measured through HTTP; or, given any tenant flag, the multi-tenant chat workload per routing policy.
/// </summary>
internal static class BenchServeCommand
{
    private const string TenantExample =
        "e.g. --shape 256,4,4,4,512,32000 --dtype f32 --tokenizer ../shared/tokenizers/llama2/tokenizer.json --kv-cache-memory 8MiB --max-tokens 32 " +
        "--silos 3 --cluster postgres://user:pass@127.0.0.1:5432/platform";

    public static Command Create()
    {
        var url = new Option<string?>("--url") { Description = "Drive an already running server at http://HOST:PORT (needs --model)" };
        var model = new Option<string?>("--model") { Description = "Served model name on --url" };
        var shape = new Option<string?>("--shape") { Description = "Start an in-process server with random weights of this Llama shape: hidden,layers,heads,kv_heads,ffn,vocab" };
        var dtype = new Option<string>("--dtype") { DefaultValueFactory = _ => "f16", Description = "Weight type for --shape: f32, f16 or q8_0" };
        var tokenizer = new Option<string?>("--tokenizer") { Description = "tokenizer.json for --shape (its vocabulary must fit the shape's vocab)" };
        var serveModel = new Option<string?>("--serve-model") { Description = "Start an in-process server for this local model folder or .gguf file" };
        var kvMemory = new Option<string>("--kv-cache-memory")
        {
            DefaultValueFactory = _ => "1GiB",
            Description = "KV cache budget of each in-process replica; for the tenant workload keep it below the workload's working set so the caches must choose (8MiB is 2048 tokens of the example shape in the default f16 cache)",
        };
        var kvDtype = KvCacheDtypeFlag.Create();
        var concurrency = new Option<string>("--concurrency") { DefaultValueFactory = _ => "1,16", Description = "Concurrent streaming clients per level, e.g. 1,16 (tenant workload: most users chatting at once, default all)" };
        var promptTokens = new Option<int>("--prompt-tokens") { DefaultValueFactory = _ => 128, Description = "About this many prompt tokens per request (distinct per request)" };
        var maxTokens = new Option<int>("--max-tokens") { DefaultValueFactory = _ => 128, Description = "max_tokens of each request (greedy)" };
        var requestsPerClient = new Option<int>("--requests-per-client") { DefaultValueFactory = _ => 4, Description = "Requests each client sends back to back per level" };
        var chat = new Option<bool>("--chat") { Description = "Use /v1/chat/completions instead of /v1/completions" };
        var maxPrefill = new Option<int?>("--max-prefill-tokens-with-decodes") { Description = "The in-process server's --max-prefill-tokens-with-decodes (default: serve's, no cap beyond the latency budget)" };
        var scheduling = new SchedulingFlags();
        var tenants = new Option<int?>("--tenants") { Description = "Tenant workload: tenants, each with its own system prompt (default 4). Any tenant flag runs this workload instead of the levels, " + TenantExample };
        var systemPromptTokens = new Option<int?>("--system-prompt-tokens") { Description = "Tenant workload: about this many tokens of system prompt per tenant (default 512)" };
        var users = new Option<int?>("--users") { Description = "Tenant workload: users per tenant, each chatting concurrently (default 4)" };
        var turns = new Option<int?>("--turns") { Description = "Tenant workload: turns per user, each resending the history (default 4)" };
        var userTokens = new Option<int?>("--user-tokens") { Description = "Tenant workload: about this many new tokens per user turn (default 32)" };
        var routing = new Option<string?>("--routing") { Description = "Tenant workload: routing policies to compare, one cluster each (default random,round-robin,session,prefix); with --url the one policy that server runs" };
        var silos = new Option<int?>("--silos") { Description = "Tenant workload: in-process silos per policy, one replica each (default 3; more than 1 needs --cluster)" };
        var cluster = new Option<string?>("--cluster") { Description = "Tenant workload: postgres://user:pass@host:port/db the in-process silos form their clusters in (a fresh cluster id per policy)" };
        var metricsUrl = new Option<string?>("--metrics-url") { Description = "Tenant workload with --url: comma list of every host's http://HOST:PORT to read /metrics from (default --url)" };
        Option[] tenantFlags = [tenants, systemPromptTokens, users, turns, userTokens, routing, silos, cluster, metricsUrl];
        Option[] levelFlags = [promptTokens, requestsPerClient, chat, maxPrefill, scheduling.LatencyFactor, scheduling.LongWait];
        var command = new Command("serve", "Measure a server's streaming throughput and latency over HTTP at several client concurrencies, or compare routing policies on a multi-tenant chat workload")
        {
            url, model, shape, dtype, tokenizer, serveModel, kvMemory, kvDtype, concurrency, promptTokens, maxTokens, requestsPerClient, chat, maxPrefill, scheduling.LatencyFactor, scheduling.LongWait,
            tenants, systemPromptTokens, users, turns, userTokens, routing, silos, cluster, metricsUrl,
        };
        command.SetAction(async (r, ct) =>
        {
            Kernels.Attention.KvCacheDtype cache;
            var latencyFactor = r.GetValue(scheduling.LatencyFactor);
            var longWait = scheduling.LongWaitValue(r);
            try
            {
                cache = KvCacheDtypeNames.Parse(r.GetValue(kvDtype)!);
                SchedulingLimits.Check(latencyFactor, longWait);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 2;
            }
            try
            {
                var target = new ServeTarget
                {
                    Url = r.GetValue(url), Model = r.GetValue(model), Shape = r.GetValue(shape), Dtype = r.GetValue(dtype)!,
                    Tokenizer = r.GetValue(tokenizer), ServeModel = r.GetValue(serveModel), KvCacheMemory = r.GetValue(kvMemory)!, KvCacheDtype = cache,
                    MaxPrefillTokensWithDecodes = r.GetValue(maxPrefill),
                    DecodeLatencyFactor = latencyFactor, LongPrefillWait = longWait,
                };
                if (tenantFlags.Any(f => Given(r, f)))
                {
                    if (levelFlags.FirstOrDefault(f => Given(r, f)) is { } levelFlag)
                        throw new ArgumentException(levelFlag == maxPrefill || levelFlag == scheduling.LatencyFactor || levelFlag == scheduling.LongWait
                            ? $"{levelFlag.Name} configures the concurrency levels' in-process server; the tenant workload's servers keep serve's default."
                            : $"{levelFlag.Name} belongs to the concurrency levels; the tenant workload sizes its requests with --system-prompt-tokens and --user-tokens, always chatting.");
                    var defaults = new TenantWorkloadOptions();
                    var workload = new TenantWorkloadOptions
                    {
                        Tenants = r.GetValue(tenants) ?? defaults.Tenants,
                        SystemPromptTokens = r.GetValue(systemPromptTokens) ?? defaults.SystemPromptTokens,
                        Users = r.GetValue(users) ?? defaults.Users,
                        Turns = r.GetValue(turns) ?? defaults.Turns,
                        UserTokens = r.GetValue(userTokens) ?? defaults.UserTokens,
                        MaxTokens = r.GetValue(maxTokens),
                        Concurrency = Given(r, concurrency) ? UserCap(r.GetValue(concurrency)!) : null,
                    };
                    var comparison = new PolicyComparisonOptions
                    {
                        Policies = r.GetValue(routing) is { } list ? PolicyComparisonOptions.ParsePolicies(list) : PolicyComparisonOptions.DefaultPolicies,
                        Silos = r.GetValue(silos) ?? 3,
                        ClusterUrl = r.GetValue(cluster),
                        MetricsUrls = r.GetValue(metricsUrl)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
                    };
                    await PolicyComparison.RunAsync(target, workload, comparison, Console.Out, ct);
                    return 0;
                }
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

    private static bool Given(ParseResult r, Option option) => r.GetResult(option) is { Implicit: false };

    private static int UserCap(string text) =>
        ConcurrentEngineBenchmark.ParseLevels(text) is [var cap] ? cap : throw new ArgumentException("--concurrency: the tenant workload takes one number, the most users chatting at once.");
}
