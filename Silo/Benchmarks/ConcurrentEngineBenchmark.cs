using System.Diagnostics;
using Platform.Engine.Generation;
using Platform.Engine.Models;
using Platform.Engine.Runner;
using Platform.Engine.Sampling;
using Platform.Engine.Scheduling;
using Platform.Kernels.Attention;
using Platform.Kernels.Threading;

namespace Platform.Silo.Benchmarks;

/// <summary>
/// Offline batches through the full engine (scheduler, paged KV, prefix cache, sampler): at each concurrency level,
/// that many requests are submitted at once and run to completion; throughput and latency are reported per level.
/// </summary>
public static class ConcurrentEngineBenchmark
{
    private const int BlockSize = 16;

    /// <summary>Figures of one concurrency level; times in seconds or milliseconds as named.</summary>
    public sealed record Result(int Concurrency, int PromptTokens, int GeneratedTokens, double Seconds, double MeanTtftMs,
        double MeanItlMs, double PeakKvUsage, double PrefixHitRate, long Preemptions)
    {
        public double OutputTokensPerSecond => GeneratedTokens / Seconds;
        public double TotalTokensPerSecond => (PromptTokens + GeneratedTokens) / Seconds;
    }

    /// <summary>Parses "1,8,32" into positive concurrency levels.</summary>
    public static int[] ParseLevels(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.TryParse(s, out var level) && level > 0 ? level : throw new ArgumentException($"--concurrency: '{s}' is not a positive number."))
            .ToArray();

    /// <summary>Runs every level in turn on a fresh engine and prints one line per level.</summary>
    public static void RunAll(LoadedModel model, int[] levels, int promptTokens, int genTokens, int sharedPrefix, int threads, KvCacheDtype kvDtype,
        int? maxPrefillTokensWithDecodes, TextWriter output, double? decodeLatencyFactor = null, TimeSpan? longPrefillWait = null)
    {
        if (promptTokens <= 0 || genTokens <= 0 || sharedPrefix < 0)
            throw new ArgumentException("prompt and generated tokens must be positive and the shared prefix not negative.");
        if (maxPrefillTokensWithDecodes is < 1)
            throw new ArgumentException($"--max-prefill-tokens-with-decodes must be at least 1, got {maxPrefillTokensWithDecodes}.");
        output.WriteLine($"requests: {sharedPrefix} shared prefix + {promptTokens} own prompt tokens, {genTokens} generated (greedy, EOS ignored); block size {BlockSize}; " +
                         $"prefill beside decodes: latency factor {decodeLatencyFactor ?? SchedulerOptions.DefaultDecodeLatencyFactor}, " +
                         $"full budget after {(longPrefillWait ?? SchedulerOptions.DefaultLongPrefillWait).TotalMilliseconds:0} ms, " +
                         $"capped at {maxPrefillTokensWithDecodes ?? SchedulerOptions.DefaultMaxPrefillTokensWithDecodes} tokens");
        foreach (var level in levels)
        {
            var r = RunAsync(model, level, promptTokens, genTokens, sharedPrefix, threads, kvDtype: kvDtype, maxPrefillTokensWithDecodes: maxPrefillTokensWithDecodes,
                decodeLatencyFactor: decodeLatencyFactor, longPrefillWait: longPrefillWait).GetAwaiter().GetResult();
            output.WriteLine(
                $"concurrency {r.Concurrency,3}: {r.Seconds,7:F2} s  output {r.OutputTokensPerSecond,8:F1} tok/s  total {r.TotalTokensPerSecond,8:F1} tok/s  " +
                $"TTFT {r.MeanTtftMs,8:F1} ms  ITL {r.MeanItlMs,7:F2} ms  KV peak {r.PeakKvUsage:P0}  prefix hits {r.PrefixHitRate:P1}  preemptions {r.Preemptions}");
        }
    }

    /// <summary>
    /// Measures one level: <paramref name="concurrency"/> requests submitted together after a warm-up request;
    /// <paramref name="threads"/> &gt; 0 runs the kernels on a pool of that many threads instead of the shared one.
    /// </summary>
    public static async Task<Result> RunAsync(LoadedModel model, int concurrency, int promptTokens, int genTokens, int sharedPrefix, int threads = 0, int seed = 0,
        KvCacheDtype kvDtype = KvCacheDtype.F16, int? maxPrefillTokensWithDecodes = null, double? decodeLatencyFactor = null, TimeSpan? longPrefillWait = null)
    {
        var perSequenceBlocks = (sharedPrefix + promptTokens + genTokens) / BlockSize + 2;
        var options = new EngineOptions
        {
            BlockSize = BlockSize,
            NumKvBlocks = concurrency * perSequenceBlocks + 2,
            MaxNumSeqs = concurrency,
            ModelId = model.ModelPath,
            KvCacheDtype = kvDtype,
            MaxPrefillTokensWithDecodes = maxPrefillTokensWithDecodes ?? SchedulerOptions.DefaultMaxPrefillTokensWithDecodes,
            DecodeLatencyFactor = decodeLatencyFactor ?? SchedulerOptions.DefaultDecodeLatencyFactor,
            LongPrefillWait = longPrefillWait ?? SchedulerOptions.DefaultLongPrefillWait,
        };
        using var pool = threads > 0 ? new WorkerPool(threads) : null;
        var kv = new KvCacheOptions { BlockSize = BlockSize, NumBlocks = options.NumKvBlocks, Dtype = kvDtype };
        var runner = pool is null ? model.CreateRunner(kv) : model.CreateRunner(kv, pool);
        using var engine = new LlmEngine(runner, model.Config, tokenizer: null, options, ownsRunner: true);
        var random = new Random(seed);
        int[] RandomIds(int count) => Enumerable.Range(0, count).Select(_ => random.Next(model.Config.VocabSize)).ToArray();
        var prefix = RandomIds(sharedPrefix);

        // Warm-up (JIT, worker threads); with a shared prefix it also caches the prefix, like a common system prompt.
        await CollectAsync(engine, Request([.. prefix, .. RandomIds(16)], 4));
        var before = engine.GetStats();
        var requests = Enumerable.Range(0, concurrency).Select(_ => Request([.. prefix, .. RandomIds(promptTokens)], genTokens)).ToArray();
        var start = Stopwatch.GetTimestamp();
        var finals = await Task.WhenAll(requests.Select(r => CollectAsync(engine, r)));
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var after = engine.GetStats();

        var queried = after.PrefixQueriedTokens - before.PrefixQueriedTokens;
        return new Result(
            concurrency,
            finals.Sum(f => f.Usage!.PromptTokens),
            finals.Sum(f => f.Usage!.CompletionTokens),
            seconds,
            finals.Average(f => f.Metrics!.TimeToFirstToken?.TotalMilliseconds ?? 0),
            finals.Average(f => f.Metrics!.MeanInterTokenLatency?.TotalMilliseconds ?? 0),
            after.PeakKvUsage,
            queried == 0 ? 0 : (double)(after.PrefixHitTokens - before.PrefixHitTokens) / queried,
            after.Preemptions - before.Preemptions);
    }

    private static GenerationRequest Request(int[] prompt, int maxTokens) => new()
    {
        PromptTokenIds = prompt,
        Sampling = SamplingParams.Greedy,
        StopConditions = new StopConditions { MaxTokens = maxTokens, IgnoreEos = true },
    };

    private static async Task<TokenEvent> CollectAsync(LlmEngine engine, GenerationRequest request)
    {
        TokenEvent? last = null;
        await foreach (var tokenEvent in engine.GenerateAsync(request))
            last = tokenEvent;
        return last!;
    }
}
