using System.CommandLine;
using System.Diagnostics;
using Platform.Engine.Generation;
using Platform.Engine.Models;
using Platform.Engine.Sampling;
using Platform.Engine.Tokenizers;
using Platform.Kernels.Attention;
using Platform.Silo.Hosting;
using Platform.Silo.Hub;

namespace Platform.Silo.Commands;

/// <summary>`platform generate`: streams one completion of a prompt to stdout; load and speed figures go to stderr.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Required = true, Description = "Model folder (Hugging Face layout), .gguf file or Hugging Face id ORG/NAME" };
        var revision = new Option<string>("--revision") { DefaultValueFactory = _ => "main", Description = "Hub revision for ORG/NAME models" };
        var prompt = new Option<string>("--prompt") { Required = true, Description = "Prompt text; \"\" starts from BOS" };
        var maxTokens = new Option<int>("--max-tokens") { DefaultValueFactory = _ => 128, Description = "Most tokens to generate" };
        var temperature = new Option<float>("--temperature") { DefaultValueFactory = _ => 1f, Description = "0 = greedy" };
        var topP = new Option<float>("--top-p") { DefaultValueFactory = _ => 1f, Description = "Nucleus sampling mass" };
        var topK = new Option<int>("--top-k") { DefaultValueFactory = _ => 0, Description = "Keep the k most likely tokens; 0 = all" };
        var seed = new Option<long?>("--seed") { Description = "Seed for reproducible sampling" };
        var kvDtype = KvCacheDtypeFlag.Create();
        var command = new Command("generate", "Generate text from a prompt with a local model") { model, revision, prompt, maxTokens, temperature, topP, topK, seed, kvDtype };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            KvCacheDtype cache;
            try
            {
                cache = KvCacheDtypeNames.Parse(parseResult.GetValue(kvDtype)!);
            }
            catch (ArgumentException error)
            {
                Console.Error.WriteLine($"error: {error.Message}");
                return 2;
            }
            var sampling = new SamplingParams
            {
                Temperature = parseResult.GetValue(temperature),
                TopP = parseResult.GetValue(topP),
                TopK = parseResult.GetValue(topK),
                Seed = parseResult.GetValue(seed),
            };
            return await RunAsync(parseResult.GetValue(model)!, parseResult.GetValue(revision)!, parseResult.GetValue(prompt)!, parseResult.GetValue(maxTokens), sampling, cache, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(string reference, string revision, string prompt, int maxTokens, SamplingParams sampling, KvCacheDtype kvDtype,
        CancellationToken cancellationToken)
    {
        try
        {
            var modelPath = await ModelSourceResolver.ResolveAsync(reference, revision, cancellationToken);
            var started = Stopwatch.GetTimestamp();
            using var model = ModelLoader.Load(modelPath);
            var tokenizer = TokenizerLoader.Load(modelPath);
            var promptIds = tokenizer.Encode(prompt, addSpecialTokens: true);
            var loadTime = Stopwatch.GetElapsedTime(started);

            // One sequence: a pool just big enough for it, not a serving-sized cache.
            const int blockSize = 16;
            var options = new EngineOptions
            {
                BlockSize = blockSize,
                NumKvBlocks = (Math.Max(1, promptIds.Length) + Math.Max(1, maxTokens)) / blockSize + 1,
                MaxNumSeqs = 1,
                KvCacheDtype = kvDtype,
            };
            using var engine = new LlmEngine(model, tokenizer, options);
            var request = new GenerationRequest
            {
                PromptTokenIds = promptIds,
                Sampling = sampling,
                StopConditions = new StopConditions { MaxTokens = maxTokens },
            };
            var stdout = Console.Out;
            TokenEvent? last = null;
            await foreach (var tokenEvent in engine.GenerateAsync(request, cancellationToken))
            {
                if (tokenEvent.Text.Length > 0)
                {
                    await stdout.WriteAsync(tokenEvent.Text);
                    await stdout.FlushAsync(cancellationToken);
                }
                last = tokenEvent;
            }
            await stdout.WriteLineAsync();
            await stdout.FlushAsync(cancellationToken);
            ReportTimings(loadTime, last);
            return 0;
        }
        catch (Exception error) when (error is HubException or RequestRejectedException or Platform.Engine.Formats.ModelFormatException or ArgumentException or IOException or InvalidDataException or NotSupportedException)
        {
            Console.Error.WriteLine($"error: {error.Message}");
            return 1;
        }
    }

    private static void ReportTimings(TimeSpan loadTime, TokenEvent? last)
    {
        var error = Console.Error;
        error.WriteLine($"load: {loadTime.TotalMilliseconds:F0} ms");
        if (last?.Usage is not { } usage || last.Metrics is not { } metrics)
            return;
        error.WriteLine($"prompt: {usage.PromptTokens} tokens, generated: {usage.CompletionTokens} tokens, finish: {last.FinishReason?.ToString().ToLowerInvariant()}");
        if (metrics.TimeToFirstToken is { } ttft)
            error.WriteLine($"time to first token: {ttft.TotalMilliseconds:F1} ms");
        if (metrics.MeanInterTokenLatency is { } itl && itl > TimeSpan.Zero)
            error.WriteLine($"decode: {itl.TotalMilliseconds:F2} ms/token ({1000 / itl.TotalMilliseconds:F1} tokens/s)");
    }
}
