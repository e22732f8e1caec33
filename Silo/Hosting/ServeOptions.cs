namespace Platform.Silo.Hosting;

/// <summary>Everything `platform serve`, `silo` or `api` was told, before models are resolved.</summary>
internal sealed record ServeOptions
{
    public HostRole Role { get; init; } = HostRole.Serve;
    public IReadOnlyList<string> Models { get; init; } = [];
    public IReadOnlyList<string> ServedModelNames { get; init; } = [];
    /// <summary>`--chat-template` files (checked to parse): one for every model, or one per `--model` in order.</summary>
    public IReadOnlyList<string> ChatTemplates { get; init; } = [];
    public string Revision { get; init; } = "main";
    public string Host { get; init; } = "127.0.0.1";
    public int Port { get; init; } = 8000;
    public int Replicas { get; init; } = 1;
    /// <summary>`--replicas auto`: one replica per silo serving the model (<see cref="Replicas"/> is then ignored).</summary>
    public bool ReplicasAuto { get; init; }
    public string Routing { get; init; } = "prefix";
    public string? KvCacheMemory { get; init; }
    /// <summary>`--kv-cache-dtype`, parsed: how every replica's KV cache stores keys and values.</summary>
    public Kernels.Attention.KvCacheDtype KvCacheDtype { get; init; } = KvCacheDtypeNames.Auto;
    public int MaxNumSeqs { get; init; } = 64;
    public int MaxNumBatchedTokens { get; init; } = 512;
    /// <summary>`--max-prefill-tokens-with-decodes`: hard cap on the prefill of a step that also decodes.</summary>
    public int MaxPrefillTokensWithDecodes { get; init; } = Engine.Scheduling.SchedulerOptions.DefaultMaxPrefillTokensWithDecodes;
    /// <summary>`--decode-latency-factor`: a step that decodes costs at most this multiple of a decode-only step.</summary>
    public double DecodeLatencyFactor { get; init; } = Engine.Scheduling.SchedulerOptions.DefaultDecodeLatencyFactor;
    /// <summary>`--long-prefill-wait-ms`: a prompt waiting this long may take a full-budget step beside decodes.</summary>
    public TimeSpan LongPrefillWait { get; init; } = Engine.Scheduling.SchedulerOptions.DefaultLongPrefillWait;
    public int? MaxModelLength { get; init; }
    public int MaxWaiting { get; init; } = 256;
    public bool EnablePrefixCaching { get; init; } = true;
    public string LoadFormat { get; init; } = "auto";
    public string DummyDtype { get; init; } = "f32";
    public string Device { get; init; } = DeviceNames.Cpu;
    public string? ApiKey { get; init; }
    /// <summary>The tenants' keys of `--api-keys`, when given.</summary>
    public Api.Tenants.TenantKeyring? TenantKeys { get; init; }
    public bool AccessLog { get; init; } = true;
    /// <summary>`--shared-prefix-cache`: served model names whose prefix cache is shared across tenants.</summary>
    public IReadOnlyList<string> SharedPrefixCache { get; init; } = [];
    /// <summary>`--breaker-failures`, `--breaker-cooldown`: when a deployment ejects a failing replica.</summary>
    public Grains.Deployments.CircuitBreakerOptions Breaker { get; init; } = new();
    /// <summary>`--alias`: served names that split traffic between model versions.</summary>
    public IReadOnlyList<Api.Traffic.ModelAlias> Aliases { get; init; } = [];
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(15);
    /// <summary>`--tool-call-parser`: none (from each template), one for every model, or one per model.</summary>
    public IReadOnlyList<string> ToolCallParsers { get; init; } = [];
    public ClusterSettings Cluster { get; init; } = new();
    public AuditSettings Audit { get; init; } = AuditSettings.Off;
}
