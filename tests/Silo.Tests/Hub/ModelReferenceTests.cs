using Platform.Silo.Hub;

namespace Platform.Silo.Tests.Hub;

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
}
