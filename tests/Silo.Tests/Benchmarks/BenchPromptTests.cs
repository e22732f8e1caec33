using Platform.Silo.Benchmarks;

namespace Platform.Silo.Tests.Benchmarks;

public class BenchPromptTests
{
    [Fact]
    public void ASeedAlwaysGivesTheSamePromptAndDifferentSeedsDifferFromTheFirstWords()
    {
        var prompts = Enumerable.Range(0, 64).Select(seed => BenchPrompt.Make(128, seed)).Append(BenchPrompt.Make(128, int.MaxValue)).ToList();

        Assert.Equal(prompts[5], BenchPrompt.Make(128, 5));
        Assert.All(prompts, p => Assert.Equal(128, p.Split(' ').Length));
        // Distinct first eight words: no two requests can share even one 16-token prefix-cache block.
        Assert.Equal(prompts.Count, prompts.Select(p => string.Join(' ', p.Split(' ').Take(8))).Distinct().Count());
        // Nor is one seed's prompt another's shifted by a word.
        Assert.DoesNotContain(string.Join(' ', prompts[1].Split(' ').Take(8)), prompts[0]);
    }
}
