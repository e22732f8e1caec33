using Platform.Engine.Generation;
using Platform.Grains.Catalog;
using Platform.Silo.Hosting;

namespace Platform.Silo.Tests.Serving.Support;

/// <summary>
/// The real server with tiny-qwen2's weights and tokenizer under Qwen2.5's chat template (copied into a temporary
/// folder as chat_template.jinja), so tools and tool history render as Qwen2.5 renders them and calls are read as hermes.
/// </summary>
public sealed class ToolModelServer : IAsyncLifetime
{
    public const string Model = "qwen-tools";

    private PlatformHost? _host;

    public string ModelFolder { get; } = Directory.CreateTempSubdirectory("platform-tool-model-").FullName;

    public PlatformHost Host => _host ?? throw new InvalidOperationException("The server is not started.");

    public async Task InitializeAsync()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(ServingServer.ModelsFolder, "tiny-qwen2")))
            File.Copy(file, Path.Combine(ModelFolder, Path.GetFileName(file)));
        File.Copy(SharedData.Path("chat-templates", "Qwen-Qwen2.5-7B-Instruct.jinja"), Path.Combine(ModelFolder, "chat_template.jinja"));
        var model = new ServedModelOptions { Name = Model, Path = ModelFolder, Engine = new EngineOptions { NumKvBlocks = 256 } };
        _host = await PlatformHost.StartAsync(new ServeOptions { Host = "127.0.0.1", Port = 0 }, [model], logging: _ => { });
        await _host.WaitUntilReadyAsync(TimeSpan.FromMinutes(1));
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
            await _host.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(1));
        Directory.Delete(ModelFolder, recursive: true);
    }
}
