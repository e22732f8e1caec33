using Platform.Engine.Models;
using Platform.Kernels.Positional;

namespace Platform.Engine.Tests.Models;

/// <summary>Config fields come from config.json / generation_config.json and GGUF metadata as the reference implementations read them.</summary>
public class ModelConfigLoadingTests
{
    [Fact]
    public void HuggingFaceFolderGivesNeoXRopeTiedEmbeddingsAndSpecialIds()
    {
        using var model = ModelLoader.Load(SharedModels.Path("stories260K-hf"));
        var c = model.Config;
        Assert.Equal((ModelArchitecture.Llama, 64, 5, 8, 4, 8, 172, 512), (c.Architecture, c.HiddenSize, c.NumLayers, c.NumHeads, c.NumKvHeads, c.HeadDim, c.IntermediateSize, c.VocabSize));
        Assert.Equal(RopeStyle.NeoX, c.RopeStyle);
        Assert.True(c.TieWordEmbeddings);
        Assert.Equal(1, c.BosTokenId);
        Assert.Equal([2], c.EosTokenIds);
    }

    [Fact]
    public void LlamaGgufUsesAdjacentPairRopeAndItsOwnOutputMatrix()
    {
        using var model = ModelLoader.Load(SharedModels.Path("stories260K-gguf", "stories260K.gguf"));
        var c = model.Config;
        Assert.Equal(RopeStyle.Interleaved, c.RopeStyle);
        Assert.False(c.TieWordEmbeddings);
        Assert.Equal((64, 5, 8, 4, 512), (c.HiddenSize, c.NumLayers, c.NumHeads, c.NumKvHeads, c.VocabSize));
        Assert.Equal(1, c.BosTokenId);
        Assert.Contains(2, c.EosTokenIds);
    }

    [Fact]
    public void Qwen2FolderHasAttentionBiasesAndBf16Weights()
    {
        using var model = ModelLoader.Load(SharedModels.Path("tiny-qwen2"));
        Assert.Equal(ModelArchitecture.Qwen2, model.Config.Architecture);
        Assert.True(model.Config.AttentionBias);
        Assert.NotNull(model.Weights.Layers[0].QueryBias);
        Assert.Equal(Kernels.Weights.WeightType.BF16, model.Weights.Layers[0].Query.Type);
        Assert.Equal(1e6, model.Config.RopeTheta);
    }
}
