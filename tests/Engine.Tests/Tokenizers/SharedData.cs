using System.Collections.Concurrent;
using Platform.Engine.Tokenizers;

namespace Platform.Engine.Tests.Tokenizers;

/// <summary>Locates ../shared from the repository root and caches loaded tokenizers across tests.</summary>
internal static class SharedData
{
    private static readonly ConcurrentDictionary<string, Lazy<ITokenizer>> Loaded = new();

    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static ITokenizer Tokenizer(string relative) =>
        Loaded.GetOrAdd(relative, r => new Lazy<ITokenizer>(() => TokenizerLoader.Load(PathOf(r)))).Value;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared"));
        throw new InvalidOperationException("Platform.sln not found above the test binaries.");
    }
}
