using System.Diagnostics;
using Platform.Engine.Models;
using Platform.Engine.Runner;
using Platform.Kernels.Sampling;

namespace Platform.Silo.Benchmarks;

/// <summary>Prefill and decode throughput of one sequence (median of repeated prefills; greedy decode after the last).</summary>
public static class SingleSequenceBenchmark
{
    /// <summary>Measured figures; times in seconds.</summary>
    public sealed record Result(int PromptTokens, int GenTokens, double PrefillSeconds, double DecodeSeconds)
    {
        public double PrefillTokensPerSecond => PromptTokens / PrefillSeconds;
        public double DecodeTokensPerSecond => GenTokens / DecodeSeconds;
    }

    public static Result Run(LoadedModel model, int promptTokens, int genTokens, int repeats = 3, int seed = 0)
    {
        if (promptTokens <= 0 || genTokens <= 0 || repeats <= 0)
            throw new ArgumentException("prompt tokens, generated tokens and repeats must be positive.");
        const int blockSize = 16;
        var blocks = (promptTokens + genTokens) / blockSize + 1;
        using var runner = model.CreateRunner(new KvCacheOptions { BlockSize = blockSize, NumBlocks = blocks });
        var table = Enumerable.Range(0, blocks).ToArray();
        var random = new Random(seed);
        var prompt = Enumerable.Range(0, promptTokens).Select(_ => random.Next(runner.VocabSize)).ToArray();
        var logits = new float[runner.VocabSize];

        // Warm-up: JIT tiers and worker threads, on a short prompt and a few decode steps.
        var warm = Math.Min(promptTokens, 16);
        runner.Forward([new SequenceSlice(prompt.AsMemory(0, warm), 0, table, true)], logits);
        for (var p = warm; p < warm + 4; p++)
            runner.Forward([new SequenceSlice(new[] { ArgMax.Of(logits) }, p, table, true)], logits);

        var prefills = new double[repeats];
        for (var r = 0; r < repeats; r++)
        {
            var start = Stopwatch.GetTimestamp();
            runner.Forward([new SequenceSlice(prompt, 0, table, true)], logits);
            prefills[r] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        Array.Sort(prefills);

        var token = new int[1];
        var decodeStart = Stopwatch.GetTimestamp();
        for (var i = 0; i < genTokens; i++)
        {
            token[0] = ArgMax.Of(logits);
            runner.Forward([new SequenceSlice(token, promptTokens + i, table, true)], logits);
        }
        var decode = Stopwatch.GetElapsedTime(decodeStart).TotalSeconds;
        return new Result(promptTokens, genTokens, prefills[repeats / 2], decode);
    }
}
