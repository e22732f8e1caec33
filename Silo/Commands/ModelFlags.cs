using System.CommandLine;
using Platform.Grains.Deployments;
using Platform.Silo.Hosting;

namespace Platform.Silo.Commands;

/// <summary>The model and engine flags of the processes that host engines (`serve`, `silo`), read into <see cref="ServeOptions"/>.</summary>
internal sealed class ModelFlags
{
    private readonly Option<string[]> _model = new("--model") { Description = $"Model folder, .gguf file or Hugging Face id ORG/NAME; repeat to serve several (default {ModelSourceResolver.DefaultModel})" };
    private readonly Option<string[]> _servedName = new("--served-model-name") { Description = "Name clients use for each --model (default: the --model value)" };
    private readonly Option<string[]> _chatTemplate = new("--chat-template") { Description = "Jinja chat template file that replaces the model's (or gives one to a model without); once for every model, or once per --model" };
    private readonly Option<string> _revision = new("--revision") { DefaultValueFactory = _ => "main", Description = "Hub revision for ORG/NAME models" };
    private readonly Option<string> _replicas = new("--replicas") { DefaultValueFactory = _ => "1", Description = "Engine replicas per model (kept at N: a dead silo's are re-created on the others), or auto: one per silo that serves the model, so a joining silo gets one" };
    private readonly Option<string> _routing = new("--routing") { DefaultValueFactory = _ => "prefix", Description = "How requests pick a replica: prefix (cached prefix blocks minus load), session, round-robin or random" };
    private readonly Option<string?> _kvMemory = new("--kv-cache-memory") { Description = "KV cache budget for all replicas: bytes, 4GiB, 512MB, or a fraction of available memory (0.3); default 0.25" };
    private readonly Option<string> _kvDtype = KvCacheDtypeFlag.Create();
    private readonly Option<int> _maxSeqs = new("--max-num-seqs") { DefaultValueFactory = _ => 64, Description = "Most sequences a replica runs at once" };
    private readonly Option<int> _maxBatched = new("--max-num-batched-tokens") { DefaultValueFactory = _ => 512, Description = "Most tokens a replica computes per step" };
    private readonly Option<int> _maxPrefill = new("--max-prefill-tokens-with-decodes")
    {
        DefaultValueFactory = _ => Engine.Scheduling.SchedulerOptions.DefaultMaxPrefillTokensWithDecodes,
        Description = "Hard cap on the prompt tokens a replica prefills in a step that also decodes, over --decode-latency-factor's budget (at or above --max-num-batched-tokens: no cap)",
    };
    private readonly SchedulingFlags _scheduling = new();
    private readonly Option<int?> _maxModelLen = new("--max-model-len") { Description = "Cap on prompt plus output tokens" };
    private readonly Option<int> _maxWaiting = new("--max-waiting") { DefaultValueFactory = _ => 256, Description = "Requests a replica may queue before answering 429" };
    private readonly Option<bool> _noPrefixCaching = new("--no-enable-prefix-caching") { Description = "Turn automatic prefix caching off" };
    private readonly Option<string> _loadFormat = new("--load-format") { DefaultValueFactory = _ => "auto", Description = "auto, or dummy: random weights for the model's config.json" };
    private readonly Option<string> _dtype = new("--dtype") { DefaultValueFactory = _ => "f32", Description = "Weight type of dummy weights: f32, f16, bf16, q8_0, q4_0, q4_k, q5_k or q6_k" };
    private readonly Option<string> _device = new("--device") { DefaultValueFactory = _ => DeviceNames.Cpu, Description = "Device the engines run on, advertised to replica placement: cpu (the engine has no CUDA support; cuda:N is refused)" };
    private readonly Option<string[]> _toolCallParser = new("--tool-call-parser") { Description = "How tool calls are read from model output: llama3_json, hermes, mistral, or auto (from the chat template, the default); once for every model or once per --model" };
    private readonly Option<string[]> _sharedPrefixCache = new("--shared-prefix-cache") { Description = "Served model name whose cached prefix blocks every tenant shares (repeatable); by default each tenant's are its own" };
    private readonly Option<int> _breakerFailures = new("--breaker-failures") { DefaultValueFactory = _ => 3, Description = "Consecutive failures (before the first token, or lost mid-stream) that eject a replica from routing; 0: never eject" };
    private readonly Option<int> _breakerCoolDown = new("--breaker-cooldown") { DefaultValueFactory = _ => 30, Description = "Seconds an ejected replica gets no requests before one trial request decides whether it returns" };
    private readonly Option<int> _idle = new("--idle-timeout") { DefaultValueFactory = _ => 900, Description = "Seconds a model replica may sit idle before it is unloaded (scale to zero)" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _model, _servedName, _chatTemplate, _revision, _replicas, _routing, _kvMemory, _kvDtype, _maxSeqs, _maxBatched, _maxPrefill, _scheduling.LatencyFactor, _scheduling.LongWait, _maxModelLen, _maxWaiting, _noPrefixCaching, _loadFormat, _dtype, _device, _sharedPrefixCache, _breakerFailures, _breakerCoolDown, _idle, _toolCallParser })
            command.Options.Add(option);
    }

    private static int ReplicaCount(string value) =>
        value == "auto" ? 1 : int.TryParse(value, out var n) ? n : throw new ArgumentException($"--replicas takes a number or auto, got '{value}'.");

    public ServeOptions Read(ParseResult r, ServeOptions options) => options with
    {
        Models = r.GetValue(_model) is { Length: > 0 } m ? m : [ModelSourceResolver.DefaultModel],
        ServedModelNames = r.GetValue(_servedName) ?? [],
        ChatTemplates = [.. (r.GetValue(_chatTemplate) ?? []).Select(ChatTemplateFile.Check)],
        Revision = r.GetValue(_revision)!,
        Replicas = ReplicaCount(r.GetValue(_replicas)!),
        ReplicasAuto = r.GetValue(_replicas) == "auto",
        Routing = r.GetValue(_routing)!,
        KvCacheMemory = r.GetValue(_kvMemory),
        KvCacheDtype = KvCacheDtypeNames.Parse(r.GetValue(_kvDtype)!),
        MaxNumSeqs = r.GetValue(_maxSeqs),
        MaxNumBatchedTokens = r.GetValue(_maxBatched),
        MaxPrefillTokensWithDecodes = r.GetValue(_maxPrefill),
        DecodeLatencyFactor = r.GetValue(_scheduling.LatencyFactor) ?? Engine.Scheduling.SchedulerOptions.DefaultDecodeLatencyFactor,
        LongPrefillWait = _scheduling.LongWaitValue(r) ?? Engine.Scheduling.SchedulerOptions.DefaultLongPrefillWait,
        MaxModelLength = r.GetValue(_maxModelLen),
        MaxWaiting = r.GetValue(_maxWaiting),
        EnablePrefixCaching = !r.GetValue(_noPrefixCaching),
        LoadFormat = r.GetValue(_loadFormat)!,
        DummyDtype = r.GetValue(_dtype)!,
        Device = DeviceNames.Parse(r.GetValue(_device)!),
        IdleTimeout = TimeSpan.FromSeconds(r.GetValue(_idle)),
        ToolCallParsers = r.GetValue(_toolCallParser) ?? [],
        SharedPrefixCache = r.GetValue(_sharedPrefixCache) ?? [],
        Breaker = new CircuitBreakerOptions { FailureThreshold = r.GetValue(_breakerFailures), CoolDown = TimeSpan.FromSeconds(r.GetValue(_breakerCoolDown)) },
    };
}
