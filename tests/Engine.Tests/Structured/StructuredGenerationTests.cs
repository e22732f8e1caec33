using System.Text.Json;
using System.Text.Json.Nodes;
using JsonSchema = Json.Schema.JsonSchema;
using Platform.Engine.Generation;
using Platform.Engine.Sampling;
using Platform.Engine.Structured;
using Platform.Engine.Tests.Generation;

namespace Platform.Engine.Tests.Structured;

/// <summary>
/// Constrained generation on the random-weight tiny-llama (Llama-2 tokenizer, 32k tokens): every output parses and is
/// valid against its schema by an independent validator (JsonSchema.Net). Strings are bounded so that a random model,
/// which rarely picks a closing quote among ~32k allowed tokens, finishes within max_tokens.
/// </summary>
public class StructuredGenerationTests(TinyModel tiny, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<TinyModel>
{
    private const int MaxTokens = 400;

    public static TheoryData<string, string> Schemas => new()
    {
        { "flat object, all required", """{"type":"object","properties":{"name":{"type":"string","maxLength":6},"age":{"type":"integer"},"ok":{"type":"boolean"}},"required":["name","age","ok"],"additionalProperties":false}""" },
        { "nested objects", """{"type":"object","properties":{"user":{"type":"object","properties":{"id":{"type":"integer","minimum":1,"maximum":999},"tag":{"type":"string","minLength":1,"maxLength":4}},"required":["id","tag"],"additionalProperties":false},"n":{"type":"null"}},"required":["user","n"],"additionalProperties":false}""" },
        { "enums", """{"type":"object","properties":{"color":{"enum":["red","green","blue"]},"size":{"type":"integer","enum":[1,2,3]},"mixed":{"enum":["x",1.5,null,true,{"k":[1]}]}},"required":["color","size","mixed"],"additionalProperties":false}""" },
        { "array with min and max", """{"type":"object","properties":{"xs":{"type":"array","items":{"type":"integer","minimum":-50,"maximum":50},"minItems":2,"maxItems":4}},"required":["xs"],"additionalProperties":false}""" },
        { "anyOf", """{"type":"object","properties":{"v":{"anyOf":[{"type":"integer"},{"type":"string","maxLength":3},{"type":"array","items":{"type":"boolean"},"maxItems":2}]}},"required":["v"],"additionalProperties":false}""" },
        { "pattern", """{"type":"object","properties":{"code":{"type":"string","pattern":"^[A-Z]{2}-[0-9]{3}$"},"hex":{"type":"string","pattern":"(0x)?[0-9a-f]{1,4}"}},"required":["code","hex"],"additionalProperties":false}""" },
        { "const", """{"type":"object","properties":{"kind":{"const":"point"},"x":{"type":"number"}},"required":["kind","x"],"additionalProperties":false}""" },
        { "required and optional", """{"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"string","maxLength":2},"c":{"type":"boolean"},"d":{"type":"null"}},"required":["b"],"additionalProperties":false}""" },
        { "refs to defs", """{"$defs":{"p":{"type":"object","properties":{"x":{"type":"integer","maximum":9},"y":{"type":"integer","minimum":0,"maximum":9}},"required":["x","y"],"additionalProperties":false}},"type":"object","properties":{"from":{"$ref":"#/$defs/p"},"to":{"$ref":"#/$defs/p"}},"required":["from","to"],"additionalProperties":false}""" },
        { "oneOf of disjoint types, type array", """{"type":"object","properties":{"o":{"oneOf":[{"type":"boolean"},{"type":"null"},{"type":"integer","minimum":10,"maximum":20}]},"t":{"type":["string","null"],"maxLength":2}},"required":["o","t"],"additionalProperties":false}""" },
        { "top-level array of objects", """{"type":"array","items":{"type":"object","properties":{"k":{"type":"string","enum":["a","b"]}},"required":["k"],"additionalProperties":false},"minItems":1,"maxItems":3}""" },
    };

    [Theory]
    [MemberData(nameof(Schemas))]
    public async Task EveryOutputParsesAndValidatesAgainstItsSchema(string name, string schema)
    {
        var (engine, _) = tiny.CreateEngine(new EngineOptions());
        using (engine)
        {
            var compiled = engine.StructuredOutputs!.Compile(new OutputFormat { Kind = OutputFormatKind.JsonSchema, Schema = schema, Strict = true });
            var validator = JsonSchema.FromText(schema);
            foreach (var seed in new long[] { 1, 2, 3, 4, 5 })
            {
                var result = await EngineRun.CollectAsync(engine, Request(compiled, seed));
                Assert.True(result.Final.FinishReason == FinishReason.Stop, $"{name}, seed {seed}: ended with {result.Final.FinishReason} after {result.Tokens.Length} tokens: {result.Text}");
                output.WriteLine($"seed {seed}: {result.Text}");
                var evaluation = validator.Evaluate(JsonDocument.Parse(result.Text).RootElement);
                Assert.True(evaluation.IsValid, $"{name}, seed {seed}: {result.Text} is not valid against {schema}");
            }
        }
    }

    [Fact]
    public async Task JsonObjectOutputsAreObjectsOrValidPrefixesWhenCutByMaxTokens()
    {
        var (engine, _) = tiny.CreateEngine(new EngineOptions());
        using (engine)
        {
            var compiled = engine.StructuredOutputs!.Compile(new OutputFormat { Kind = OutputFormatKind.JsonObject });
            foreach (var seed in new long[] { 1, 2, 3, 4, 5, 6 })
            {
                var result = await EngineRun.CollectAsync(engine, Request(compiled, seed, maxTokens: 60));
                if (result.Final.FinishReason == FinishReason.Stop)
                    Assert.IsType<JsonObject>(JsonNode.Parse(result.Text));
                else
                {
                    Assert.Equal(FinishReason.Length, result.Final.FinishReason);
                    Assert.True(JsonPrefix.IsPrefix(result.Text), $"seed {seed}: '{result.Text}' is not the start of a JSON text");
                    Assert.StartsWith("{", result.Text.TrimStart());
                }
            }
        }
    }

    [Fact]
    public async Task GreedyDecodingAndLogprobsSeeOnlyAllowedTokens()
    {
        var (engine, _) = tiny.CreateEngine(new EngineOptions());
        using (engine)
        {
            var compiled = engine.StructuredOutputs!.Compile(new OutputFormat { Kind = OutputFormatKind.Choice, Choices = ["yes", "no"] });
            var result = await EngineRun.CollectAsync(engine, new GenerationRequest
            {
                PromptTokenIds = [1, 15043],
                Sampling = SamplingParams.Greedy with { Logprobs = 5 },
                StopConditions = new StopConditions { MaxTokens = 10 },
                Constraint = compiled,
            });
            Assert.Contains(result.Text, new[] { "yes", "no" });
            Assert.Equal(FinishReason.Stop, result.Final.FinishReason);
            var first = result.Events[0].Logprobs![0];
            // The masked distribution: alternatives are only tokens that start "yes" or "no", and their probabilities sum to at most 1.
            Assert.All(first.TopLogprobs!, alternative => Assert.True(float.IsFinite(alternative.Logprob)));
            Assert.True(first.TopLogprobs!.Sum(a => Math.Exp(a.Logprob)) <= 1.0001);
            Assert.All(first.TopLogprobs!, a => Assert.True("yes".StartsWith(Decode(a.TokenId)) || "no".StartsWith(Decode(a.TokenId)), Decode(a.TokenId)));
        }
    }

    [Fact]
    public async Task MaxTokensCutsAnUnfinishedOutputWithFinishReasonLength()
    {
        var (engine, _) = tiny.CreateEngine(new EngineOptions());
        using (engine)
        {
            var compiled = engine.StructuredOutputs!.Compile(new OutputFormat { Kind = OutputFormatKind.Regex, Pattern = "a{50}" });
            var result = await EngineRun.CollectAsync(engine, Request(compiled, 1, maxTokens: 5));
            Assert.Equal(FinishReason.Length, result.Final.FinishReason);
            Assert.Matches("^a+$", result.Text);
        }
    }

    private string Decode(int id) => tiny.Tokenizer.Decode([id]);

    private static GenerationRequest Request(Platform.Engine.Structured.Matching.CompiledConstraint compiled, long seed, int maxTokens = MaxTokens) => new()
    {
        PromptTokenIds = [1, 15043, 3186],
        Sampling = new SamplingParams { Temperature = 1f, Seed = seed },
        StopConditions = new StopConditions { MaxTokens = maxTokens },
        Constraint = compiled,
    };
}
