using Platform.Engine.Models;
using Platform.Engine.Runner;
using Platform.Engine.Tests.Runner;
using Platform.Tests;

namespace Platform.Engine.Tests.Models;

/// <summary>
/// Model files reached through symlinks, and chains of them, load as the files they point to: the loaders measure and
/// map the final target, not the link (the hub client's cache is made of such links).
/// </summary>
public sealed class LinkedModelFilesTests : IDisposable
{
    readonly string _root = Directory.CreateTempSubdirectory("linked-model-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>A link to <paramref name="target"/> through an intermediate relative link: link → hop → blob copy.</summary>
    string ChainTo(string target, string name)
    {
        var blobs = Directory.CreateDirectory(Path.Combine(_root, "blobs")).FullName;
        var hops = Directory.CreateDirectory(Path.Combine(_root, "hops")).FullName;
        var blob = Path.Combine(blobs, name + ".blob");
        File.Copy(target, blob);
        var hop = Path.Combine(hops, name);
        File.CreateSymbolicLink(hop, Path.GetRelativePath(hops, blob));
        var folder = Directory.CreateDirectory(Path.Combine(_root, "model")).FullName;
        var link = Path.Combine(folder, name);
        File.CreateSymbolicLink(link, Path.GetRelativePath(folder, hop));
        return link;
    }

    [Fact]
    public void SafetensorsFolderOfChainedLinksReproducesTheReferenceOutputs()
    {
        string? folder = null;
        foreach (var file in Directory.GetFiles(SharedData.Path("models", "tiny-qwen2")))
            folder = Path.GetDirectoryName(ChainTo(file, Path.GetFileName(file)));

        using var loaded = ModelLoader.Load(folder!);

        GoldenCases.AssertReproduced(loaded, "tiny-qwen2");
    }

    [Fact]
    public void GgufThroughChainedLinksReproducesLlama2cGreedyOutput()
    {
        var link = ChainTo(SharedData.Path("models", "stories260K-gguf", "stories260K.gguf"), "stories260K.gguf");
        var expected = File.ReadAllText(SharedData.Path("models", "stories260K-gguf", "expected_greedy_200.ids"))
            .Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();

        using var loaded = ModelLoader.Load(link);
        using var runner = loaded.CreateRunner(new KvCacheOptions { NumBlocks = 16 });
        var (_, generated) = new GreedyDecoder(runner).Run([1], expected.Count);

        Assert.Equal(expected, generated);
    }
}
