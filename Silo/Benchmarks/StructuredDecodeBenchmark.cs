using System.Diagnostics;
using Platform.Engine.Generation;
using Platform.Engine.Models;
using Platform.Engine.Sampling;
using Platform.Engine.Structured;
using Platform.Engine.Structured.Matching;
using Platform.Engine.Tokenizers;

namespace Platform.Silo.Benchmarks;

/// <summary>
/// Decode time of one sequence through the full engine with and without an output constraint, side by side on the same
/// model and seed, plus the masking work alone (mask + advance per token, replayed over the constrained output).
/// </summary>
public static class StructuredDecodeBenchmark
{
    /// <summary>A schema that visits many automaton states: keys, enums, bounded integers, an array and a long free string.</summary>
    public const string DefaultSchema = """
        {"type":"object","properties":{
          "id":{"type":"integer","minimum":0,"maximum":99999},
          "kind":{"enum":["alpha","beta","gamma"]},
          "tags":{"type":"array","items":{"type":"string","maxLength":8},"maxItems":4},
          "score":{"type":"number"},
          "text":{"type":"string"}},
         "required":["id","kind","tags","score","text"],"additionalProperties":false}
        """;

    /// <summary>One format's figures: ms per decoded token unconstrained and constrained (medians of interleaved rounds), the first constrained pass (cold masks), and the masking work alone.</summary>
    public sealed record Row(string Format, int Tokens, double FreeMs, double ColdMs, double WarmMs, double MaskUs, long MaskComputations, int Configurations)
    {
        public double WarmOverhead => WarmMs / FreeMs - 1;
        public double ColdOverhead => ColdMs / FreeMs - 1;
    }

    /// <summary>Runs every format for <paramref name="rounds"/> interleaved free/constrained rounds; <paramref name="write"/> gets the report lines as they come.</summary>
    public static IReadOnlyList<Row> Run(LoadedModel model, ITokenizer tokenizer, IReadOnlyList<(string Name, OutputFormat Format)> formats, int genTokens, int rounds, TextWriter write)
    {
        using var engine = new LlmEngine(model, tokenizer, new EngineOptions { KvCacheMemoryBytes = 256L << 20 });
        var prompt = tokenizer.Encode("Write the record as JSON:", addSpecialTokens: true);
        var build = Stopwatch.GetTimestamp();
        var vocabulary = engine.StructuredOutputs!.Vocabulary;
        write.WriteLine($"vocabulary: {vocabulary.Size} tokens, trie of {vocabulary.Trie.NodeCount} nodes built in {Stopwatch.GetElapsedTime(build).TotalMilliseconds:F0} ms (once per model)");
        Decode(engine, prompt, null, 8, 1);
        var rows = new List<Row>();
        foreach (var (name, format) in formats)
        {
            var compileStart = Stopwatch.GetTimestamp();
            var compiled = engine.StructuredOutputs.Compile(format);
            var compileMs = Stopwatch.GetElapsedTime(compileStart).TotalMilliseconds;
            // A random model may close the format at once (json_object's "{}"): take the first seed that decodes at least half the tokens.
            var seed = 7L;
            var cold = Decode(engine, prompt, compiled, genTokens, seed);
            for (var tries = 1; tries < 16 && cold.Tokens.Length < genTokens / 2; tries++)
                cold = Decode(engine, prompt, compiled, genTokens, ++seed);
            // Free and constrained runs alternate, so load from other processes hits both alike; medians are reported.
            var free = new List<double>();
            var warm = new List<Decoded>();
            for (var r = 0; r < rounds; r++)
            {
                warm.Add(Decode(engine, prompt, compiled, genTokens, seed));
                free.Add(Decode(engine, prompt, null, warm[^1].Tokens.Length, seed).MsPerToken);
            }
            var maskUs = ReplayMaskMicroseconds(compiled, warm[0].Tokens, tokenizer);
            var row = new Row(name, warm[0].Tokens.Length, Median(free), cold.MsPerToken, Median(warm.Select(w => w.MsPerToken)), maskUs, compiled.MaskComputations, compiled.Automaton.ConfigurationCount);
            rows.Add(row);
            write.WriteLine($"{name}: compiled in {compileMs:F1} ms; seed {seed}, {row.Tokens} tokens ({warm[0].Finish}); median of {rounds}: free {row.FreeMs:F2} ms/token, constrained {row.WarmMs:F2} ms/token ({row.WarmOverhead:+0.0%;-0.0%}); first constrained pass {row.ColdMs:F2} ms/token ({row.ColdOverhead:+0.0%;-0.0%}); masking alone {row.MaskUs:F1} µs/token = {row.MaskUs / 1000 / row.FreeMs:0.00%} of a free token; {row.MaskComputations} trie walks over {row.Configurations} automaton configurations");
        }
        return rows;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private sealed record Decoded(int[] Tokens, double MsPerToken, FinishReason? Finish);

    // Time from the first token to the last, per token after the first: decode only, prefill excluded.
    private static Decoded Decode(LlmEngine engine, int[] prompt, CompiledConstraint? constraint, int tokens, long seed)
    {
        var request = new GenerationRequest
        {
            PromptTokenIds = prompt,
            Sampling = new SamplingParams { Temperature = 1f, Seed = seed },
            StopConditions = new StopConditions { MaxTokens = tokens, IgnoreEos = constraint is null },
            Constraint = constraint,
        };
        var ids = new List<int>();
        long first = 0, last = 0;
        FinishReason? finish = null;
        foreach (var e in engine.GenerateAsync(request).ToBlockingEnumerable())
        {
            last = Stopwatch.GetTimestamp();
            if (ids.Count == 0)
                first = last;
            ids.AddRange(e.TokenIds);
            finish = e.FinishReason ?? finish;
        }
        var steps = Math.Max(1, ids.Count - 1);
        return new Decoded([.. ids], Stopwatch.GetElapsedTime(first, last).TotalMilliseconds / steps, finish);
    }

    // The engine's per-token masking work on its own: mask a logits row and follow the token, with the grammar's masks cached.
    private static double ReplayMaskMicroseconds(CompiledConstraint compiled, int[] tokens, ITokenizer tokenizer)
    {
        var logits = new float[compiled.Vocabulary.Size];
        var start = Stopwatch.GetTimestamp();
        var matcher = new ConstraintMatcher(compiled, tokenizer.EosTokenIds);
        foreach (var token in tokens)
        {
            matcher.Mask(logits);
            matcher.Accept(token);
        }
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds * 1000 / Math.Max(1, tokens.Length);
    }
}
