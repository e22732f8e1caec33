using Platform.Silo.Benchmarks;

namespace Platform.Silo.Tests.Benchmarks;

/// <summary>`platform bench serve` end to end: an in-process server for a tiny random model, driven over real HTTP.</summary>
public class ServeBenchmarkSessionTests
{
    private static string SharedTokenizer() => TestTokenizers.Llama2;

    private static ServeTarget TinyShape() => new()
    {
        Shape = "64,2,4,2,128,32000", Dtype = "f32", Tokenizer = SharedTokenizer(), KvCacheMemory = "32MB",
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ARandomShapeServedInProcessReportsEveryLevelWithTheServersTokenCounts(bool chat)
    {
        var options = new ServeBenchmarkOptions { Levels = [1, 2], PromptTokens = 16, MaxTokens = 4, RequestsPerClient = 1, Chat = chat };
        var report = new StringWriter();

        var levels = await ServeBenchmarkSession.RunAsync(TinyShape(), options, report);

        Assert.Equal([1, 2], levels.Select(l => l.Concurrency));
        Assert.Equal([1, 2], levels.Select(l => l.Requests));
        Assert.All(levels, l =>
        {
            Assert.InRange(l.CompletionTokens, 1, l.Requests * 4);
            Assert.True(l.MeanPromptTokens >= 16, $"the server counted {l.MeanPromptTokens} prompt tokens");
            Assert.True(l.OutputTokensPerSecond > 0);
        });
        if (!chat)
            Assert.All(levels, l => Assert.Equal(16, l.MeanPromptTokens));
        var lines = report.ToString().Split('\n').Select(l => l.Trim()).ToList();
        Assert.Contains(lines, l => l.StartsWith("1 ") && l.EndsWith("1.00x"));
        Assert.Contains(lines, l => l.StartsWith("2 ") && l.EndsWith("x"));
    }

    [Fact]
    public async Task ARunningServerIsDrivenThroughItsUrlGivenWithOrWithoutV1()
    {
        using var folder = ShapeModelFolder.Create(ShapeModelFolder.ParseShape("64,2,4,2,128,32000"), SharedTokenizer());
        await using var server = await InProcessServer.StartAsync(folder.Path, "tiny", "f32", "32MB", TimeSpan.FromMinutes(2), CancellationToken.None);
        var options = new ServeBenchmarkOptions { Levels = [2], PromptTokens = 8, MaxTokens = 2, RequestsPerClient = 1 };

        var root = await ServeBenchmarkSession.RunAsync(new ServeTarget { Url = server.Url, Model = "tiny" }, options, TextWriter.Null);
        var v1 = await ServeBenchmarkSession.RunAsync(new ServeTarget { Url = server.Url + "/v1/", Model = "tiny" }, options, TextWriter.Null);

        Assert.Equal((2, 8), (root[0].Requests, root[0].MeanPromptTokens));
        Assert.Equal((2, 8), (v1[0].Requests, v1[0].MeanPromptTokens));
    }

    [Theory]
    [InlineData(null, null, null, "exactly one")]
    [InlineData("http://127.0.0.1:8000", null, null, "--url needs --model")]
    [InlineData(null, "64,2,4,2,128,32000", null, "--shape needs --tokenizer")]
    [InlineData(null, null, "/no/such/model", "nothing at")]
    [InlineData("http://127.0.0.1:8000", null, null, "give it to the server at --url", 64)]
    [InlineData(null, "64,2,4,2,128,32000", null, "--max-prefill-tokens-with-decodes must be at least 1", 0)]
    public async Task AnIncompleteTargetIsRefusedWithAClearMessage(string? url, string? shape, string? serveModel, string message, int? maxPrefill = null)
    {
        var target = new ServeTarget
        {
            // A cap comes with an otherwise complete target, so the cap is what gets refused.
            Url = url, Shape = shape, ServeModel = serveModel, MaxPrefillTokensWithDecodes = maxPrefill,
            Model = maxPrefill is not null && url is not null ? "m" : null,
            Tokenizer = maxPrefill is not null && shape is not null ? SharedTokenizer() : null,
        };

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            ServeBenchmarkSession.RunAsync(target, new ServeBenchmarkOptions { Levels = [1] }, TextWriter.Null));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void AShapeWhoseVocabCannotHoldTheTokenizerIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => ShapeModelFolder.Create(ShapeModelFolder.ParseShape("64,2,4,2,128,1000"), SharedTokenizer()));

        Assert.Contains("smaller than the tokenizer", error.Message);
    }
}
