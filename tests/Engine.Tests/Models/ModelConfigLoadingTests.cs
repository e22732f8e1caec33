using Platform.Engine.Models;
using Platform.Kernels.Positional;
using Platform.Tests;

namespace Platform.Engine.Tests.Models;

/// <summary>Config fields come from config.json / generation_config.json and GGUF metadata as the reference implementations read them.</summary>
public sealed class ModelConfigLoadingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("model-config-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>stories260K-hf with extra config.json fields and a replaced generation_config.json.</summary>
    private string StoriesWith(string extraConfig, string generationConfig)
    {
        foreach (var file in Directory.GetFiles(SharedData.Path("models", "stories260K-hf")))
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        var configPath = Path.Combine(_folder, "config.json");
        var config = File.ReadAllText(configPath).Replace("\"rope_scaling\": null,", extraConfig);
        File.WriteAllText(configPath, config);
        File.WriteAllText(Path.Combine(_folder, "generation_config.json"), generationConfig);
        return _folder;
    }

    [Fact]
    public void Llama3RopeScalingAndEosListsAreRead()
    {
        var folder = StoriesWith(
            "\"rope_scaling\": {\"rope_type\": \"llama3\", \"factor\": 32.0, \"low_freq_factor\": 1.0, \"high_freq_factor\": 4.0, \"original_max_position_embeddings\": 8192},",
            "{\"bos_token_id\": 1, \"eos_token_id\": [2, 7, 9]}");
        using var model = ModelLoader.Load(folder);
        Assert.Equal(new Llama3RopeScaling(32, 1, 4, 8192), model.Config.RopeScaling);
        Assert.Equal([2, 7, 9], model.Config.EosTokenIds);
    }

    [Fact]
    public void UnsupportedRopeScalingIsRefusedByName()
    {
        var folder = StoriesWith("\"rope_scaling\": {\"rope_type\": \"yarn\", \"factor\": 4.0},", "{}");
        var error = Assert.Throws<Platform.Engine.Formats.ModelFormatException>(() => ModelLoader.Load(folder));
        Assert.Contains("yarn", error.Message);
    }

    [Fact]
    public void HuggingFaceFolderGivesNeoXRopeTiedEmbeddingsAndSpecialIds()
    {
        using var model = ModelLoader.Load(SharedData.Path("models", "stories260K-hf"));
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
        using var model = ModelLoader.Load(SharedData.Path("models", "stories260K-gguf", "stories260K.gguf"));
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
        using var model = ModelLoader.Load(SharedData.Path("models", "tiny-qwen2"));
        Assert.Equal(ModelArchitecture.Qwen2, model.Config.Architecture);
        Assert.True(model.Config.AttentionBias);
        Assert.NotNull(model.Weights.Layers[0].QueryBias);
        Assert.Equal(Kernels.Weights.WeightType.BF16, model.Weights.Layers[0].Query.Type);
        Assert.Equal(1e6, model.Config.RopeTheta);
    }
}
