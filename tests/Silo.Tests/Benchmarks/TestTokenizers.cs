namespace Platform.Silo.Tests.Benchmarks;

/// <summary>Tokenizers of ../shared the benchmark tests borrow for random-weight shapes.</summary>
internal static class TestTokenizers
{
    /// <summary>The Llama 2 SentencePiece tokenizer.json (32000 tokens).</summary>
    public static string Llama2 => Path.Combine(SharedFolder(), "tokenizers", "llama2", "tokenizer.json");

    private static string SharedFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
                return Path.Combine(dir.FullName, "..", "shared");
        throw new InvalidOperationException("Platform.sln not found above the test binaries.");
    }
}
