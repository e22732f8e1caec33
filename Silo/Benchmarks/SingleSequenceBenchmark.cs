using System.Diagnostics;
using Platform.Engine.Models;
using Platform.Engine.Runner;
using Platform.Kernels.Attention;
using Platform.Kernels.Sampling;
using Platform.Kernels.Threading;

namespace Platform.Silo.Benchmarks;

/// <summary>Prefill and decode throughput of one sequence (median of repeated prefills; greedy decode after the last).</summary>
public static class SingleSequenceBenchmark
{
    /// <summary>Measured figures; times in seconds.</summary>
    /// <remarks>CPU seconds (all threads of the process) show how much of the wall time the machine actually gave us.</remarks>
    public sealed record Result(int PromptTokens, int GenTokens, double PrefillSeconds, double DecodeSeconds, double PrefillCpuSeconds, double DecodeCpuSeconds)
    {
        public double PrefillTokensPerSecond => PromptTokens / PrefillSeconds;
        public double DecodeTokensPerSecond => GenTokens / DecodeSeconds;
    }

    public static Result Run(LoadedModel model, int promptTokens, int genTokens, int repeats = 3, int threads = 0, KvCacheDtype kvDtype = KvCacheDtype.F16, int seed = 0)
    {
        if (promptTokens <= 0 || genTokens <= 0 || repeats <= 0)
            throw new ArgumentException("prompt tokens, generated tokens and repeats must be positive.");
        const int blockSize = 16;
        var blocks = (promptTokens + genTokens) / blockSize + 1;
        using var pool = threads > 0 ? new WorkerPool(threads) : null;
        var options = new KvCacheOptions { BlockSize = blockSize, NumBlocks = blocks, Dtype = kvDtype };
        using var runner = pool is null ? model.CreateRunner(options) : model.CreateRunner(options, pool);
        var table = Enumerable.Range(0, blocks).ToArray();
        var random = new Random(seed);
        var prompt = Enumerable.Range(0, promptTokens).Select(_ => random.Next(runner.VocabSize)).ToArray();
        var logits = new float[runner.VocabSize];

        // Warm-up: JIT tiers and worker threads, on a short prompt and a few decode steps.
        var warm = Math.Min(promptTokens, 16);
        runner.Forward([new SequenceSlice(prompt.AsMemory(0, warm), 0, table, true)], logits);
        for (var p = warm; p < warm + 4; p++)
            runner.Forward([new SequenceSlice(new[] { ArgMax.Of(logits) }, p, table, true)], logits);

        var process = Process.GetCurrentProcess();
        var prefills = new (double Wall, double Cpu)[repeats];
        for (var r = 0; r < repeats; r++)
        {
            var cpu = CpuSeconds(process);
            var start = Stopwatch.GetTimestamp();
            runner.Forward([new SequenceSlice(prompt, 0, table, true)], logits);
            prefills[r] = (Stopwatch.GetElapsedTime(start).TotalSeconds, CpuSeconds(process) - cpu);
        }
        Array.Sort(prefills);

        var token = new int[1];
        var decodeCpu = CpuSeconds(process);
        var decodeStart = Stopwatch.GetTimestamp();
        for (var i = 0; i < genTokens; i++)
        {
            token[0] = ArgMax.Of(logits);
            runner.Forward([new SequenceSlice(token, promptTokens + i, table, true)], logits);
        }
        var decode = Stopwatch.GetElapsedTime(decodeStart).TotalSeconds;
        var median = prefills[repeats / 2];
        return new Result(promptTokens, genTokens, median.Wall, decode, median.Cpu, CpuSeconds(process) - decodeCpu);
    }

    private static double CpuSeconds(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime.TotalSeconds;
    }
}
