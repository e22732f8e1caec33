using Platform.Engine.Models;
using Platform.Engine.Runner;
using Platform.Engine.Tests.Runner;
using Platform.Tests;

namespace Platform.Engine.Tests.Models;

/// <summary>Outputs of the real checkpoints in ../shared/models against independent reference implementations.</summary>
public class GoldenModelTests
{
    [Theory]
    [InlineData("tiny-llama")]
    [InlineData("tiny-qwen2")]
    public void GreedyIdsAndTopLogitsMatchTheFloat64Reference(string model)
    {
        using var loaded = ModelLoader.Load(SharedData.Path("models", model));
        GoldenCases.AssertReproduced(loaded, model);
    }

    [Theory]
    [InlineData("stories260K-gguf/stories260K.gguf")]
    [InlineData("stories260K-hf")]
    public void Stories260KReproducesLlama2cGreedyOutputFromBos(string path)
    {
        using var loaded = ModelLoader.Load(SharedData.Path(["models", .. path.Split('/')]));
        var expected = File.ReadAllText(SharedData.Path("models", "stories260K-gguf", "expected_greedy_200.ids"))
            .Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
        Assert.Equal(1, loaded.Config.BosTokenId);
        using var runner = loaded.CreateRunner(new KvCacheOptions { NumBlocks = 16 });
        var (_, generated) = new GreedyDecoder(runner).Run([1], expected.Count);
        Assert.Equal(expected, generated);
    }
}
