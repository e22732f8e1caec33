using System.Text.Json.Nodes;
using Platform.Engine.Formats;
using Platform.Engine.Models;
using Platform.Tests;

namespace Platform.Engine.Tests.Models;

/// <summary>Broken or unsupported model files are refused with a <see cref="ModelFormatException"/> that says what is wrong.</summary>
public sealed class ModelLoaderErrorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("model-errors-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string CopyOfStoriesHf(Func<JsonObject, JsonObject>? editConfig = null)
    {
        foreach (var file in Directory.GetFiles(SharedData.Path("models", "stories260K-hf")))
            File.Copy(file, Path.Combine(_folder, Path.GetFileName(file)));
        if (editConfig is not null)
        {
            var path = Path.Combine(_folder, "config.json");
            File.WriteAllText(path, editConfig(JsonNode.Parse(File.ReadAllText(path))!.AsObject()).ToJsonString());
        }
        return _folder;
    }

    private static string Message(string path) => Assert.Throws<ModelFormatException>(() => ModelLoader.Load(path)).Message;

    [Fact]
    public void LegacyGgufVersion1IsRejectedNamingTheVersion()
    {
        Assert.Contains("version 1", Message(SharedData.Path("models", "stories260K-gguf", "legacy-v1.gguf")));
    }

    [Fact]
    public void TruncatedGgufIsRejected()
    {
        var path = Path.Combine(_folder, "cut.gguf");
        var bytes = File.ReadAllBytes(SharedData.Path("models", "stories260K-gguf", "stories260K.gguf"));
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        Assert.Contains("truncated", Message(path));
    }

    [Fact]
    public void TruncatedSafetensorsIsRejected()
    {
        var folder = CopyOfStoriesHf();
        var weights = Path.Combine(folder, "model.safetensors");
        var bytes = File.ReadAllBytes(weights);
        File.WriteAllBytes(weights, bytes[..(bytes.Length - 1000)]);
        Assert.Contains("truncated", Message(folder));
    }

    [Fact]
    public void CorruptSafetensorsHeaderIsRejected()
    {
        var folder = CopyOfStoriesHf();
        var weights = Path.Combine(folder, "model.safetensors");
        var bytes = File.ReadAllBytes(weights);
        bytes[8] = (byte)'#';
        File.WriteAllBytes(weights, bytes);
        Assert.Contains("corrupt safetensors header", Message(folder));
    }

    [Fact]
    public void UnknownArchitectureIsRejectedListingTheSupportedOnes()
    {
        var folder = CopyOfStoriesHf(c =>
        {
            c["architectures"] = new JsonArray("GPT2LMHeadModel");
            return c;
        });
        var message = Message(folder);
        Assert.Contains("GPT2LMHeadModel", message);
        Assert.Contains("LlamaForCausalLM", message);
        Assert.Contains("Qwen2ForCausalLM", message);
    }

    [Fact]
    public void MissingTensorIsNamed()
    {
        var folder = CopyOfStoriesHf(c =>
        {
            c["num_hidden_layers"] = 6;
            return c;
        });
        Assert.Contains("'model.layers.5.", Message(folder));
    }

    [Fact]
    public void ShapeDisagreeingWithTheConfigIsReported()
    {
        var folder = CopyOfStoriesHf(c =>
        {
            c["intermediate_size"] = 180;
            return c;
        });
        var message = Message(folder);
        Assert.Contains("[172, 64]", message);
        Assert.Contains("[180, 64]", message);
    }

    [Fact]
    public void MissingPathIsReported()
    {
        Assert.Contains("no such model", Message(Path.Combine(_folder, "nothing-here")));
    }
}
