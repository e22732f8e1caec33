namespace Platform.Silo.Tests.Commands;

public class GenerateCommandTests
{
    [Theory]
    [InlineData("stories260K-gguf/stories260K.gguf")]
    [InlineData("stories260K-hf")]
    public void GreedyGenerationFromBosPrintsLlama2csOwnText(string model)
    {
        var models = SharedData.Path("models");
        var expected = File.ReadAllText(Path.Combine(models, "stories260K-gguf", "expected_greedy_200.txt"));

        // llama2.c -n 200: 200 generated tokens after BOS, then a newline.
        var (exitCode, stdout, stderr) = PlatformProcess.Run("generate", "--model", Path.Combine(models, model), "--prompt", "", "--max-tokens", "200", "--temperature", "0");

        Assert.True(exitCode == 0, stderr);
        Assert.Equal(expected, stdout);
        Assert.Contains("tokens/s", stderr);
    }

    [Fact]
    public void AMissingModelIsAClearErrorOnStderr()
    {
        var (exitCode, stdout, stderr) = PlatformProcess.Run("generate", "--model", "/no/such/model", "--prompt", "hi");
        Assert.Equal(1, exitCode);
        Assert.Equal("", stdout);
        Assert.StartsWith("error:", stderr);
    }
}
