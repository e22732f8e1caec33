using Platform.Engine.Models.Weights;
using Platform.Engine.Runner;
using Platform.Kernels.Threading;

namespace Platform.Engine.Models;

/// <summary>A model ready to run: its config, its weights in place, and the resources (maps, buffers) that hold them.</summary>
public sealed class LoadedModel : IDisposable
{
    private readonly IDisposable[] _resources;
    private bool _disposed;

    public LoadedModel(ModelConfig config, string modelPath, ModelWeights weights, params IDisposable[] resources)
    {
        Config = config;
        ModelPath = modelPath;
        Weights = weights;
        _resources = resources;
    }

    public ModelConfig Config { get; }

    /// <summary>Where the weights came from (a folder, a .gguf file, or a description of a random model).</summary>
    public string ModelPath { get; }

    public ModelWeights Weights { get; }

    /// <summary>A runner with its own KV cache (sized once from <paramref name="options"/>); the model must outlive it.</summary>
    public IModelRunner CreateRunner(KvCacheOptions options) => CreateRunner(options, WorkerPool.Shared);

    /// <summary>A runner whose kernels run on <paramref name="pool"/> instead of the process-wide pool.</summary>
    public IModelRunner CreateRunner(KvCacheOptions options, WorkerPool pool)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new LlamaRunner(this, options, pool);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var resource in _resources) resource.Dispose();
    }
}
