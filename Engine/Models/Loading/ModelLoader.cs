using Platform.Engine.Formats;
using Platform.Engine.Formats.Gguf;
using Platform.Engine.Models.Configuration;
using Platform.Engine.Models.Safetensors;
using Platform.Engine.Models.Weights;

namespace Platform.Engine.Models;

/// <summary>Loads a model from a Hugging Face folder (config.json + safetensors) or a GGUF file, weights memory-mapped in place.</summary>
public static class ModelLoader
{
    public static LoadedModel Load(string path)
    {
        if (Directory.Exists(path))
            return LoadHuggingFace(path);
        if (File.Exists(path))
            return path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase)
                ? LoadHuggingFace(Path.GetDirectoryName(Path.GetFullPath(path))!)
                : LoadGguf(path);
        throw new ModelFormatException($"{path}: no such model file or folder.");
    }

    private static LoadedModel LoadHuggingFace(string folder)
    {
        var config = HfConfigReader.Read(folder);
        var source = new SafetensorsTensorSource(folder);
        return Bind(source, TensorNames.HuggingFace, config, folder);
    }

    private static LoadedModel LoadGguf(string path)
    {
        var file = GgufFile.Open(path);
        ITensorSource source = new GgufTensorSource(file);
        ModelConfig config;
        try
        {
            config = GgufConfigReader.Read(file);
        }
        catch
        {
            source.Dispose();
            throw;
        }
        return Bind(source, TensorNames.Gguf, config, path);
    }

    private static LoadedModel Bind(ITensorSource source, TensorNames names, ModelConfig config, string path)
    {
        try
        {
            return new LoadedModel(config, path, WeightsBuilder.Build(source, names, config), source);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }
}
