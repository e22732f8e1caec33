using Platform.Engine.Hub;

namespace Platform.Engine.Tests.Hub;

public sealed class ServingFilesTests
{
    [Theory]
    [InlineData("config.json", true)]
    [InlineData("generation_config.json", true)]
    [InlineData("tokenizer.json", true)]
    [InlineData("tokenizer_config.json", true)]
    [InlineData("special_tokens_map.json", true)]
    [InlineData("model.safetensors", true)]
    [InlineData("model-00001-of-00002.safetensors", true)]
    [InlineData("model.safetensors.index.json", true)]
    [InlineData("pytorch_model.bin", false)]
    [InlineData("model.gguf", false)]
    [InlineData("onnx/model.onnx", false)]
    [InlineData("original/consolidated.safetensors", false)]
    [InlineData("README.md", false)]
    public void OnlyServingFilesAtTheRootAreNeeded(string file, bool needed) => Assert.Equal(needed, ServingFiles.IsNeeded(file));

    [Fact]
    public void MetadataComesFirstThenTheIndexThenTheShards() =>
        Assert.Equal(
            ["config.json", "tokenizer.json", "model.safetensors.index.json", "model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"],
            ServingFiles.InDownloadOrder(["model-00002-of-00002.safetensors", "model.safetensors.index.json", "tokenizer.json", "model-00001-of-00002.safetensors", "config.json"]));

    [Fact]
    public void ShardedSnapshotIsCompleteOnlyWithEveryIndexedShard()
    {
        var folder = Directory.CreateTempSubdirectory("snapshot-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "config.json"), "{}");
            File.WriteAllText(Path.Combine(folder, "model.safetensors.index.json"),
                """{"metadata":{},"weight_map":{"a":"model-00001-of-00002.safetensors","b":"model-00002-of-00002.safetensors"}}""");
            File.WriteAllText(Path.Combine(folder, "model-00001-of-00002.safetensors"), "");
            Assert.False(ServingFiles.IsCompleteSnapshot(folder));

            File.WriteAllText(Path.Combine(folder, "model-00002-of-00002.safetensors"), "");
            Assert.True(ServingFiles.IsCompleteSnapshot(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void SnapshotWithoutWeightsOrConfigIsIncomplete()
    {
        var folder = Directory.CreateTempSubdirectory("snapshot-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "config.json"), "{}");
            Assert.False(ServingFiles.IsCompleteSnapshot(folder));

            File.Delete(Path.Combine(folder, "config.json"));
            File.WriteAllText(Path.Combine(folder, "model.safetensors"), "");
            Assert.False(ServingFiles.IsCompleteSnapshot(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void DanglingSymlinkToAMissingBlobDoesNotCount()
    {
        var folder = Directory.CreateTempSubdirectory("snapshot-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "config.json"), "{}");
            File.CreateSymbolicLink(Path.Combine(folder, "model.safetensors"), "../../blobs/missing");
            Assert.False(ServingFiles.IsCompleteSnapshot(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
