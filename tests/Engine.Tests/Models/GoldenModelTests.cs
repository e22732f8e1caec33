using System.Text.Json.Nodes;
using Platform.Engine.Models;
using Platform.Engine.Runner;
using Platform.Engine.Tests.Runner;

namespace Platform.Engine.Tests.Models;

/// <summary>Outputs of the real checkpoints in ../shared/models against independent reference implementations.</summary>
public class GoldenModelTests
{
    [Theory]
    [InlineData("tiny-llama")]
    [InlineData("tiny-qwen2")]
    public void GreedyIdsAndTopLogitsMatchTheFloat64Reference(string model)
    {
        using var loaded = ModelLoader.Load(SharedModels.Path(model));
        using var runner = loaded.CreateRunner(new KvCacheOptions { NumBlocks = 8 });
        var golden = JsonNode.Parse(File.ReadAllText(SharedModels.Path(model, "golden.json")))!;
        foreach (var c in golden["cases"]!.AsArray())
        {
            var prompt = c!["prompt_ids"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray();
            var expected = c["greedy_ids"]!.AsArray().Select(n => n!.GetValue<int>()).ToList();
            var (logits, generated) = new GreedyDecoder(runner).Run(prompt, expected.Count);
            foreach (var pair in c["top_logits_at_last_prompt_token"]!.AsArray())
            {
                var id = pair![0]!.GetValue<int>();
                Assert.InRange(logits[id], pair[1]!.GetValue<float>() - 1e-3f, pair[1]!.GetValue<float>() + 1e-3f);
            }
            Assert.Equal(expected, generated);
        }
    }

    [Theory]
    [InlineData("stories260K-gguf/stories260K.gguf")]
    [InlineData("stories260K-hf")]
    public void Stories260KReproducesLlama2cGreedyOutputFromBos(string path)
    {
        using var loaded = ModelLoader.Load(SharedModels.Path(path.Split('/')));
        var expected = File.ReadAllText(SharedModels.Path("stories260K-gguf", "expected_greedy_200.ids"))
            .Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
        Assert.Equal(1, loaded.Config.BosTokenId);
        using var runner = loaded.CreateRunner(new KvCacheOptions { NumBlocks = 16 });
        var (_, generated) = new GreedyDecoder(runner).Run([1], expected.Count);
        Assert.Equal(expected, generated);
    }
}
