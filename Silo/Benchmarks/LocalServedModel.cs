using Platform.Kernels.Attention;
using Platform.Silo.Hosting;

namespace Platform.Silo.Benchmarks;

/// <summary>The model a benchmark's in-process servers serve: random weights of a shape (in a temporary folder, deleted on dispose) or a local model folder or file.</summary>
public sealed class LocalServedModel : IDisposable
{
    private readonly ShapeModelFolder? _folder;

    private LocalServedModel(ShapeModelFolder? folder, string path, string name, string? dummyDtype, KvCacheDtype kvCacheDtype)
    {
        _folder = folder;
        Path = path;
        Name = name;
        DummyDtype = dummyDtype;
        KvCacheDtype = kvCacheDtype;
    }

    public string Path { get; }

    /// <summary>The served model name clients use.</summary>
    public string Name { get; }

    /// <summary>The weight type of random weights, or null for a model loaded from its files.</summary>
    public string? DummyDtype { get; }

    /// <summary>Element type of the servers' KV caches.</summary>
    public KvCacheDtype KvCacheDtype { get; }

    /// <summary>The options of a lone in-process server for this model with <paramref name="kvCacheMemory"/> of KV cache.</summary>
    internal ServeOptions ServeOptions(string kvCacheMemory) => InProcessServer.Options(Path, Name, DummyDtype, kvCacheMemory) with { KvCacheDtype = KvCacheDtype };

    /// <summary>Prepares the model of a validated <paramref name="target"/> that names <see cref="ServeTarget.Shape"/> or <see cref="ServeTarget.ServeModel"/>.</summary>
    public static LocalServedModel Open(ServeTarget target)
    {
        if (target.Shape is { } shape)
        {
            var folder = ShapeModelFolder.Create(ShapeModelFolder.ParseShape(shape), target.Tokenizer!);
            return new LocalServedModel(folder, folder.Path, $"random-{shape.Replace(" ", "")}-{target.Dtype}", target.Dtype, target.KvCacheDtype);
        }
        var path = System.IO.Path.GetFullPath(target.ServeModel ?? throw new ArgumentException("give --shape or --serve-model for an in-process server."));
        return new LocalServedModel(null, path, System.IO.Path.GetFileName(path.TrimEnd(System.IO.Path.DirectorySeparatorChar)), null, target.KvCacheDtype);
    }

    public void Dispose() => _folder?.Dispose();
}
