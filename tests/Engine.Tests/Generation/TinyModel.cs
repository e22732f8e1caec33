using Platform.Engine.Generation;
using Platform.Engine.Models;
using Platform.Engine.Runner;
using Platform.Engine.Tokenizers;

namespace Platform.Engine.Tests.Generation;

/// <summary>The random-weight tiny-llama from ../shared (real Llama-2 tokenizer), loaded once for all engine tests.</summary>
public sealed class TinyModel : IDisposable
{
    public TinyModel()
    {
        Path = SharedData.Path("models", "tiny-llama");
        Model = ModelLoader.Load(Path);
        Tokenizer = TokenizerLoader.Load(Path);
    }

    public string Path { get; }

    public LoadedModel Model { get; }

    public ITokenizer Tokenizer { get; }

    /// <summary>An engine over a fresh runner wrapped in a token counter.</summary>
    public (LlmEngine Engine, CountingRunner Runner) CreateEngine(EngineOptions options)
    {
        var runner = new CountingRunner(Model.CreateRunner(new KvCacheOptions { BlockSize = options.BlockSize, NumBlocks = options.NumKvBlocks ?? 256, Dtype = options.KvCacheDtype }));
        return (new LlmEngine(runner, Model.Config, Tokenizer, options with { ModelId = Path }, ownsRunner: true), runner);
    }

    public void Dispose() => Model.Dispose();
}
