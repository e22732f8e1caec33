using Platform.Engine.Hub;

namespace Platform.Engine.Tests.Hub;

public sealed class ModelReferenceTests
{
    [Theory]
    [InlineData("meta-llama/Llama-3.2-1B-Instruct")]
    [InlineData("Qwen/Qwen2.5-0.5B")]
    [InlineData("org_1/model.v2")]
    public void OrgSlashNameIsAHubId(string reference) => Assert.True(ModelReference.IsHubId(reference));

    [Theory]
    [InlineData("/models/llama")]
    [InlineData("./llama/weights")]
    [InlineData("../shared/models")]
    [InlineData("llama")]
    [InlineData("a/b/c")]
    [InlineData("org/..")]
    [InlineData("")]
    public void PathsAndOtherShapesAreNotHubIds(string reference) => Assert.False(ModelReference.IsHubId(reference));

    [Fact]
    public void ExistingLocalFolderShapedLikeAHubIdIsALocalPath()
    {
        // Relative to the working directory, as a user would type it; created and removed here, so nothing global changes.
        var org = "local-" + Guid.NewGuid().ToString("N");
        var folder = Directory.CreateDirectory(Path.Combine(Environment.CurrentDirectory, org, "model"));
        try
        {
            Assert.False(ModelReference.IsHubId($"{org}/model"));
        }
        finally
        {
            folder.Parent!.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ExistingPathResolvesToItselfWithoutTheHub()
    {
        var folder = Directory.CreateTempSubdirectory("model-");
        try
        {
            var offline = new HubOptions { CacheDirectory = folder.FullName, Offline = true };
            Assert.Equal(folder.FullName, await ModelReference.ResolveAsync(folder.FullName, options: offline));
        }
        finally
        {
            folder.Delete();
        }
    }

    [Fact]
    public async Task MissingPathThatIsNoHubIdFailsClearly()
    {
        var error = await Assert.ThrowsAsync<HubException>(() => ModelReference.ResolveAsync("./no/such/model", options: new HubOptions { CacheDirectory = "/nonexistent", Offline = true }));

        Assert.Contains("neither an existing file or folder nor a Hugging Face repository id", error.Message);
    }

    [Fact]
    public async Task HubIdGoesThroughTheHubCacheAndAnOfflineMissNamesTheLocalOption()
    {
        var cache = Directory.CreateTempSubdirectory("hub-cache-");
        try
        {
            var error = await Assert.ThrowsAsync<HubException>(() => ModelReference.ResolveAsync("some-org/some-model", options: new HubOptions { CacheDirectory = cache.FullName, Offline = true }));
            Assert.Contains("--model PATH", error.Message);
        }
        finally
        {
            cache.Delete(recursive: true);
        }
    }
}
