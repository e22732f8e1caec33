using System.Text.Json;

namespace Platform.Engine.Hub;

/// <summary>Which files of a model repository serving needs, and whether a snapshot folder holds all of them.</summary>
public static class ServingFiles
{
    static readonly HashSet<string> MetadataFiles = new(StringComparer.Ordinal)
    {
        "config.json", "generation_config.json", "tokenizer.json", "tokenizer_config.json",
        "special_tokens_map.json", "chat_template.jinja",
    };

    /// <summary>True for the configuration, tokenizer and safetensors files at the repository root; other weight formats and subfolders are skipped.</summary>
    public static bool IsNeeded(string repoPath) =>
        !repoPath.Contains('/') &&
        (MetadataFiles.Contains(repoPath) || repoPath.EndsWith(".safetensors", StringComparison.Ordinal) ||
         repoPath.EndsWith(".safetensors.index.json", StringComparison.Ordinal));

    /// <summary>True when the weights' file list is complete: a config plus every safetensors file the index names (or a single one).</summary>
    /// <remarks>Works on snapshots written by any tool, so models cached by Python libraries count as complete too.</remarks>
    public static bool IsCompleteSnapshot(string folder)
    {
        if (!Directory.Exists(folder) || !File.Exists(Path.Combine(folder, "config.json")))
            return false;
        var index = Path.Combine(folder, "model.safetensors.index.json");
        if (File.Exists(index))
            return IndexedShards(index) is { Count: > 0 } shards && shards.All(s => File.Exists(Path.Combine(folder, s)));
        // File.Exists follows symlinks, so a link to a missing blob counts as missing.
        return Directory.EnumerateFiles(folder, "*.safetensors").Any(File.Exists);
    }

    static HashSet<string>? IndexedShards(string indexPath)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(indexPath));
            if (!document.RootElement.TryGetProperty("weight_map", out var map) || map.ValueKind != JsonValueKind.Object)
                return null;
            return map.EnumerateObject().Select(p => p.Value.GetString()).OfType<string>().ToHashSet(StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
