using System.CommandLine;
using Platform.Engine.Models;
using Platform.Engine.Structured;
using Platform.Engine.Tokenizers;
using Platform.Silo.Hosting;
using Platform.Silo.Benchmarks;

namespace Platform.Silo.Commands;

/// <summary>`platform bench structured`: decode time with and without an output constraint on a large-vocabulary model, as a ratio.</summary>
internal static class BenchStructuredCommand
{
    public static Command Create()
    {
        var shape = new Option<string>("--shape") { Description = "Random weights of this shape: hidden,layers,heads,kv_heads,ffn,vocab", DefaultValueFactory = _ => "512,2,8,8,1024,50257" };
        var tokenizer = new Option<string>("--tokenizer") { Description = "A tokenizer.json whose vocabulary the masks cover", DefaultValueFactory = _ => "../shared/tokenizers/gpt2/tokenizer.json" };
        var dtype = new Option<string>("--dtype") { Description = "Weight type: f32, f16, bf16, q8_0, q4_0, q4_k, q5_k or q6_k", DefaultValueFactory = _ => "f16" };
        var genTokens = new Option<int>("--gen-tokens") { Description = "Tokens to decode per run", DefaultValueFactory = _ => 128 };
        var rounds = new Option<int>("--rounds") { Description = "Interleaved free/constrained rounds (medians are reported)", DefaultValueFactory = _ => 3 };
        var schema = new Option<string?>("--schema") { Description = "A JSON schema file to constrain with (default: a built-in schema), besides json_object" };
        var command = new Command("structured", "Measure decode time with and without a structured-output constraint (masking cost)") { shape, tokenizer, dtype, genTokens, rounds, schema };
        command.SetAction(parseResult =>
        {
            try
            {
                var config = ShapeModelFolder.ParseShape(parseResult.GetValue(shape)!);
                var tok = TokenizerLoader.Load(parseResult.GetValue(tokenizer)!);
                // Unconstrained runs sample any logit, and ids past the tokenizer's cannot be decoded.
                if (tok.VocabSize != config.VocabSize)
                    throw new ArgumentException($"--shape vocab {config.VocabSize} must equal the tokenizer's {tok.VocabSize} tokens.");
                using var model = RandomModel.Create(config, WeightTypeNames.Parse(parseResult.GetValue(dtype)!), seed: 42);
                Console.WriteLine($"model: random {parseResult.GetValue(shape)} {parseResult.GetValue(dtype)}, tokenizer {parseResult.GetValue(tokenizer)} ({tok.VocabSize} tokens)");
                var schemaText = parseResult.GetValue(schema) is { } file ? File.ReadAllText(file) : StructuredDecodeBenchmark.DefaultSchema;
                StructuredDecodeBenchmark.Run(model, tok, [
                    ("json_object", new OutputFormat { Kind = OutputFormatKind.JsonObject }),
                    ("json_schema", new OutputFormat { Kind = OutputFormatKind.JsonSchema, Schema = schemaText, Strict = true }),
                ], parseResult.GetValue(genTokens), Math.Max(1, parseResult.GetValue(rounds)), Console.Out);
                return 0;
            }
            catch (Exception e) when (e is ArgumentException or OutputFormatException or IOException or FormatException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
