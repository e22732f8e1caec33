using System.Text.Json.Nodes;
using Platform.Engine.Models;
using Platform.Engine.Runner;
using Platform.Engine.Tests.Runner;
using Platform.Kernels.Attention;
using Platform.Tests;

namespace Platform.Engine.Tests.Models;

/// <summary>
/// Checks a model against a shared golden.json: top-5 prompt logits within 1e-3 (or <c>tolerance</c>) and, unless
/// <c>greedyIds</c> is false, greedy ids identical.
/// </summary>
internal static class GoldenCases
{
    public static void AssertReproduced(LoadedModel loaded, string goldenModel, KvCacheDtype dtype = KvCacheDtype.F16, float tolerance = 1e-3f,
        bool greedyIds = true)
    {
        using var runner = loaded.CreateRunner(new KvCacheOptions { NumBlocks = 8, Dtype = dtype });
        var golden = JsonNode.Parse(File.ReadAllText(SharedData.Path("models", goldenModel, "golden.json")))!;
        foreach (var c in golden["cases"]!.AsArray())
        {
            var prompt = c!["prompt_ids"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray();
            var expected = c["greedy_ids"]!.AsArray().Select(n => n!.GetValue<int>()).ToList();
            var (logits, generated) = new GreedyDecoder(runner).Run(prompt, expected.Count);
            foreach (var pair in c["top_logits_at_last_prompt_token"]!.AsArray())
                Assert.Equal(pair![1]!.GetValue<float>(), logits[pair[0]!.GetValue<int>()], tolerance);
            if (greedyIds) Assert.Equal(expected, generated);
        }
    }
}
