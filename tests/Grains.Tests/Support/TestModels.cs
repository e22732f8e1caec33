using System.Text.Json.Nodes;
using Platform.Engine.Generation;
using Platform.Grains.Catalog;
using Platform.Grains.Deployments;

namespace Platform.Grains.Tests.Support;

/// <summary>The tiny shared test models (../shared/models) as served-model options, and their golden greedy outputs.</summary>
internal static class TestModels
{
    /// <summary>Served name of tiny-llama (random weights, Llama-2 tokenizer, no chat template).</summary>
    public const string Llama = "llama";

    /// <summary>Served name of tiny-qwen2 (random weights, Phi-3-mini tokenizer and chat template).</summary>
    public const string Qwen = "qwen";

    public static string ModelsFolder { get; } = SharedData.Path("models");

    public static ServedModelOptions TinyLlama(int replicas = 1, RoutingPolicy routing = RoutingPolicy.Prefix) =>
        Options(Llama, "tiny-llama", replicas) with { Routing = routing };

    public static ServedModelOptions TinyQwen2(int replicas = 1) => Options(Qwen, "tiny-qwen2", replicas);

    /// <summary>Prompt ids and float64-reference greedy ids of tiny-llama's golden case <paramref name="index"/>.</summary>
    public static (int[] PromptIds, int[] GreedyIds) LlamaGolden(int index)
    {
        var golden = JsonNode.Parse(File.ReadAllText(Path.Combine(ModelsFolder, "tiny-llama", "golden.json")))!;
        var c = golden["cases"]![index]!;
        return (Ids(c["prompt_ids"]!), Ids(c["greedy_ids"]!));
    }

    private static int[] Ids(JsonNode node) => node.AsArray().Select(n => n!.GetValue<int>()).ToArray();

    private static ServedModelOptions Options(string name, string folder, int replicas) => new()
    {
        Name = name,
        Path = Path.Combine(ModelsFolder, folder),
        Replicas = replicas,
        // 512 blocks of 16 tokens: room for a few long generations at once, a few MiB for these models.
        Engine = new EngineOptions { NumKvBlocks = 512 },
    };
}
