using System.CommandLine;
using System.Diagnostics;
using Platform.Engine.Models;
using Platform.Kernels.Attention;
using Platform.Kernels.Diagnostics;
using Platform.Kernels.Weights;
using Platform.Silo.Benchmarks;
using Platform.Silo.Hosting;

namespace Platform.Silo.Commands;

/// <summary>`platform bench engine`: prefill and decode tokens/s of the engine on a model file or a random-weight model of a given shape.</summary>
internal static class BenchEngineCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = "A Hugging Face model folder or a .gguf file" };
        var shape = new Option<string?>("--shape") { Description = "Random weights of this shape instead of a file: hidden,layers,heads,kv_heads,ffn,vocab" };
        var dtype = new Option<string>("--dtype") { Description = "Weight type for --shape: f32, f16, bf16, q8_0, q4_0, q4_k, q5_k or q6_k", DefaultValueFactory = _ => "f16" };
        var promptTokens = new Option<int>("--prompt-tokens") { Description = "Prompt length to prefill", DefaultValueFactory = _ => 512 };
        var genTokens = new Option<int>("--gen-tokens") { Description = "Tokens to decode after the prompt", DefaultValueFactory = _ => 128 };
        var repeats = new Option<int>("--repeats") { Description = "Prefill repetitions (the median is reported)", DefaultValueFactory = _ => 3 };
        var threads = new Option<int>("--threads") { Description = "Kernel threads (default: one per core, the shared pool)", DefaultValueFactory = _ => 0 };
        var concurrency = new Option<string?>("--concurrency") { Description = "Offline batches through the full engine at these concurrency levels, e.g. 1,8,32" };
        var sharedPrefix = new Option<int>("--shared-prefix") { Description = "With --concurrency: tokens of prefix every request shares (cached by a warm-up request)", DefaultValueFactory = _ => 0 };
        var kvDtype = KvCacheDtypeFlag.Create();
        var maxPrefill = new Option<int?>("--max-prefill-tokens-with-decodes")
        {
            Description = "With --concurrency: hard cap on the engine's prefill in a step that also decodes, over the latency budget (default: serve's, 512)",
        };
        var scheduling = new SchedulingFlags();
        var profile = new Option<bool>("--profile") { Description = "Time every kernel call of the forward pass and print a table per step kind (decode-only, with prefill)" };
        var engine = new Command("engine", "Measure prefill and decode tokens/s of one sequence, or batched serving with --concurrency") { model, shape, dtype, kvDtype, promptTokens, genTokens, repeats, threads, concurrency, sharedPrefix, maxPrefill, scheduling.LatencyFactor, scheduling.LongWait, profile };
        engine.SetAction(parseResult =>
        {
            try
            {
                var cache = KvCacheDtypeNames.Parse(parseResult.GetValue(kvDtype)!);
                var latencyFactor = parseResult.GetValue(scheduling.LatencyFactor);
                var longWait = scheduling.LongWaitValue(parseResult);
                SchedulingLimits.Check(latencyFactor, longWait);
                // One sequence never prefills beside a decode: the step budget would change nothing there.
                foreach (var flag in new Option[] { maxPrefill, scheduling.LatencyFactor, scheduling.LongWait })
                    if (parseResult.GetResult(flag) is { Implicit: false } && parseResult.GetValue(concurrency) is null)
                        throw new ArgumentException($"{flag.Name} needs --concurrency (a single sequence never prefills while it decodes).");
                var loadStart = Stopwatch.GetTimestamp();
                using var loaded = Load(parseResult.GetValue(model), parseResult.GetValue(shape), parseResult.GetValue(dtype)!);
                var loadSeconds = Stopwatch.GetElapsedTime(loadStart).TotalSeconds;
                Describe(loaded, loadSeconds);
                Console.WriteLine($"kv:      {cache.Name()} cache");
                KernelProfile.Enabled = parseResult.GetValue(profile);
                if (parseResult.GetValue(concurrency) is { } levels)
                {
                    ConcurrentEngineBenchmark.RunAll(loaded, ConcurrentEngineBenchmark.ParseLevels(levels), parseResult.GetValue(promptTokens),
                        parseResult.GetValue(genTokens), parseResult.GetValue(sharedPrefix), parseResult.GetValue(threads), cache,
                        parseResult.GetValue(maxPrefill), Console.Out, latencyFactor, longWait);
                    WriteProfile();
                    return 0;
                }
                var result = SingleSequenceBenchmark.Run(loaded, parseResult.GetValue(promptTokens), parseResult.GetValue(genTokens), parseResult.GetValue(repeats), parseResult.GetValue(threads), cache);
                Console.WriteLine($"prefill: {result.PromptTokens} tokens in {result.PrefillSeconds * 1000:F1} ms = {result.PrefillTokensPerSecond:F1} tok/s (median of {parseResult.GetValue(repeats)}; {result.PrefillCpuSeconds * 1000:F0} ms CPU)");
                Console.WriteLine($"decode:  {result.GenTokens} tokens in {result.DecodeSeconds * 1000:F1} ms = {result.DecodeTokensPerSecond:F1} tok/s ({result.DecodeSeconds * 1000 / result.GenTokens:F2} ms/token; {result.DecodeCpuSeconds * 1000:F0} ms CPU)");
                WriteProfile();
                return 0;
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 2;
            }
            catch (Exception e) when (e is Engine.Formats.ModelFormatException or FormatException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return new Command("bench", "Benchmarks") { engine, BenchServeCommand.Create(), BenchStructuredCommand.Create() };
    }

    private static void WriteProfile()
    {
        if (!KernelProfile.Enabled) return;
        KernelProfile.Write(Console.Out);
        KernelProfile.Enabled = false;
    }

    private static LoadedModel Load(string? path, string? shape, string dtype)
    {
        if ((path is null) == (shape is null))
            throw new ArgumentException("give either --model PATH or --shape hidden,layers,heads,kv_heads,ffn,vocab.");
        if (path is not null)
            return ModelLoader.Load(path);
        var config = ShapeModelFolder.ParseShape(shape!);
        var type = WeightTypeNames.Parse(dtype);
        return RandomModel.Create(config, type, seed: 42);
    }

    private static void Describe(LoadedModel model, double loadSeconds)
    {
        var c = model.Config;
        var w = model.Weights;
        var matrices = w.Layers.SelectMany(l => new[] { l.Query, l.Key, l.Value, l.Output, l.Gate, l.Up, l.Down }).Append(w.TokenEmbedding);
        if (!c.TieWordEmbeddings) matrices = matrices.Append(w.Output);
        var bytes = matrices.Sum(m => m.TotalBytes);
        Console.WriteLine($"model:   {model.ModelPath} ({c.Architecture}, hidden {c.HiddenSize}, {c.NumLayers} layers, {c.NumHeads}/{c.NumKvHeads} heads, ffn {c.IntermediateSize}, vocab {c.VocabSize})");
        Console.WriteLine($"weights: {w.Layers[0].Query.Type}, {bytes / 1e6:F1} MB, loaded in {loadSeconds:F2} s");
    }
}
