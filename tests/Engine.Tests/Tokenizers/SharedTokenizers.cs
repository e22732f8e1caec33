using System.Collections.Concurrent;
using Platform.Engine.Tokenizers;

namespace Platform.Engine.Tests.Tokenizers;

/// <summary>Tokenizers from ../shared, each loaded once and shared across tests.</summary>
internal static class SharedTokenizers
{
    private static readonly ConcurrentDictionary<string, Lazy<ITokenizer>> Loaded = new();

    /// <summary>The tokenizer at <paramref name="relative"/> below ../shared (a model folder, tokenizer.json or .gguf).</summary>
    public static ITokenizer Get(string relative) =>
        Loaded.GetOrAdd(relative, r => new Lazy<ITokenizer>(() => TokenizerLoader.Load(SharedData.Path(r)))).Value;
}
