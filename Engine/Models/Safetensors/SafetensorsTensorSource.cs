using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Engine.Formats;
using Platform.Engine.Models.Weights;
using Platform.Kernels.Weights;

namespace Platform.Engine.Models.Safetensors;

/// <summary>The tensors of a Hugging Face folder: one model.safetensors, or the shards named by model.safetensors.index.json.</summary>
public sealed unsafe class SafetensorsTensorSource : ITensorSource
{
    private readonly List<SafetensorsFile> _files = [];
    private readonly Dictionary<string, SafetensorsFile> _byTensor = new(StringComparer.Ordinal);

    public SafetensorsTensorSource(string folder)
    {
        Description = folder;
        try
        {
            foreach (var path in ShardPaths(folder))
            {
                var file = SafetensorsFile.Open(path);
                _files.Add(file);
                foreach (var name in file.Entries.Keys)
                    _byTensor[name] = file;
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Description { get; }

    public bool TryGet(string name, out TensorView tensor)
    {
        tensor = default;
        if (!_byTensor.TryGetValue(name, out var file)) return false;
        var entry = file.Entries[name];
        var type = entry.DType switch
        {
            "F32" => WeightType.F32,
            "F16" => WeightType.F16,
            "BF16" => WeightType.BF16,
            _ => throw new ModelFormatException($"{file.Path}: tensor '{name}' has dtype {entry.DType}; supported: F32, F16, BF16."),
        };
        tensor = new TensorView(name, file.GetData(entry), type, entry.Shape);
        return true;
    }

    public void Dispose()
    {
        foreach (var file in _files) file.Dispose();
        _files.Clear();
    }

    private static IEnumerable<string> ShardPaths(string folder)
    {
        var index = Path.Combine(folder, "model.safetensors.index.json");
        if (File.Exists(index))
        {
            JsonObject map;
            try
            {
                map = JsonNode.Parse(File.ReadAllText(index))?["weight_map"] as JsonObject
                    ?? throw new ModelFormatException($"{index}: no 'weight_map' object.");
            }
            catch (JsonException e)
            {
                throw new ModelFormatException($"{index}: invalid JSON: {e.Message}", e);
            }
            return map.Select(p => p.Value?.GetValue<string>() ?? throw new ModelFormatException($"{index}: tensor '{p.Key}' maps to no file."))
                .Distinct(StringComparer.Ordinal)
                .Select(f => Path.Combine(folder, f))
                .ToList();
        }
        var single = Path.Combine(folder, "model.safetensors");
        if (File.Exists(single)) return [single];
        var any = Directory.GetFiles(folder, "*.safetensors").OrderBy(p => p, StringComparer.Ordinal).ToList();
        return any.Count > 0 ? any : throw new ModelFormatException($"{folder}: no *.safetensors weights found.");
    }
}
