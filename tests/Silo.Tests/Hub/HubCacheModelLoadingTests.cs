using Platform.Silo.Tests.Commands;
using Platform.Tests;

namespace Platform.Silo.Tests.Hub;

/// <summary>A model cached by the Python hub client (snapshots of symlinks into blobs) loads by its id, offline.</summary>
public sealed class HubCacheModelLoadingTests : IDisposable
{
    readonly DirectoryInfo _cache = Directory.CreateTempSubdirectory("hub-links-");

    public void Dispose() => _cache.Delete(recursive: true);

    Dictionary<string, string?> OfflineEnvironment() => new()
    {
        ["HF_HUB_CACHE"] = _cache.FullName,
        ["HF_HOME"] = null,
        ["HF_HUB_OFFLINE"] = "1",
        ["HF_ENDPOINT"] = "http://127.0.0.1:9",
    };

    [Fact]
    public void GenerateByHubIdLoadsEveryFileThroughItsSymlinksAndPrintsTheModelsOwnText()
    {
        var models = SharedData.Path("models");
        HubCacheLayoutOnDisk.Write(_cache.FullName, "org/stories260K", Path.Combine(models, "stories260K-hf"), chainedFile: "model.safetensors");
        var expected = File.ReadAllText(Path.Combine(models, "stories260K-gguf", "expected_greedy_200.txt"));

        var (exitCode, stdout, stderr) = PlatformProcess.Run(OfflineEnvironment(),
            "generate", "--model", "org/stories260K", "--prompt", "", "--max-tokens", "200", "--temperature", "0");

        Assert.True(exitCode == 0, stderr);
        Assert.Equal(expected, stdout);
    }

    [Fact]
    public void GenerateByHubIdOfflineWithoutTheModelCachedNamesTheLocalPathOption()
    {
        var (exitCode, stdout, stderr) = PlatformProcess.Run(OfflineEnvironment(), "generate", "--model", "org/absent", "--prompt", "hi");

        Assert.Equal(1, exitCode);
        Assert.Equal("", stdout);
        Assert.Contains("--model PATH", stderr);
    }
}
