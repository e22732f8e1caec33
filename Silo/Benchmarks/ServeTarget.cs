namespace Platform.Silo.Benchmarks;

/// <summary>Which server `platform bench serve` drives: one already running (<see cref="Url"/> + <see cref="Model"/>), or one it starts in-process for a random model of <see cref="Shape"/> or the local model at <see cref="ServeModel"/>.</summary>
public sealed record ServeTarget
{
    public string? Url { get; init; }
    public string? Model { get; init; }
    public string? Shape { get; init; }
    public string Dtype { get; init; } = "f16";
    public string? Tokenizer { get; init; }
    public string? ServeModel { get; init; }
    /// <summary>KV cache budget of an in-process server (a `--kv-cache-memory` value).</summary>
    public string KvCacheMemory { get; init; } = "1GiB";
    /// <summary>Element type of an in-process server's KV caches (a parsed `--kv-cache-dtype`).</summary>
    public Kernels.Attention.KvCacheDtype KvCacheDtype { get; init; } = Hosting.KvCacheDtypeNames.Auto;
    /// <summary>The in-process server's hard cap on the prefill of a step that also decodes (`--max-prefill-tokens-with-decodes`); null: the serve default.</summary>
    public int? MaxPrefillTokensWithDecodes { get; init; }
    /// <summary>The in-process server's `--decode-latency-factor`; null: the serve default.</summary>
    public double? DecodeLatencyFactor { get; init; }
    /// <summary>The in-process server's `--long-prefill-wait-ms`; null: the serve default.</summary>
    public TimeSpan? LongPrefillWait { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> unless exactly one way to reach a server is fully given.</summary>
    public void Validate()
    {
        var ways = (Url is null ? 0 : 1) + (Shape is null ? 0 : 1) + (ServeModel is null ? 0 : 1);
        if (ways != 1)
            throw new ArgumentException("give exactly one of --url URL --model NAME, --shape ... --tokenizer PATH, or --serve-model PATH.");
        if (Url is not null && Model is null)
            throw new ArgumentException("--url needs --model NAME (the served model name).");
        if (Url is null && Model is not null)
            throw new ArgumentException("--model names a model on --url; for a local model use --serve-model PATH.");
        if (Shape is not null && Tokenizer is null)
            throw new ArgumentException("--shape needs --tokenizer PATH (a tokenizer.json whose vocabulary fits the shape's vocab).");
        if (Url is not null && InProcessFlag() is { } flag)
            throw new ArgumentException($"{flag} configures an in-process server; give it to the server at --url instead.");
        if (MaxPrefillTokensWithDecodes is < 1)
            throw new ArgumentException($"--max-prefill-tokens-with-decodes must be at least 1, got {MaxPrefillTokensWithDecodes}.");
        Hosting.SchedulingLimits.Check(DecodeLatencyFactor, LongPrefillWait);
        if (ServeModel is not null && !File.Exists(ServeModel) && !Directory.Exists(ServeModel))
            throw new ArgumentException($"--serve-model: nothing at '{ServeModel}'.");
    }

    // The first step-budget flag given, which only an in-process server can take.
    private string? InProcessFlag() =>
        MaxPrefillTokensWithDecodes is not null ? "--max-prefill-tokens-with-decodes"
        : DecodeLatencyFactor is not null ? "--decode-latency-factor"
        : LongPrefillWait is not null ? "--long-prefill-wait-ms"
        : null;
}
