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
        !repoPath.Contains('/') && !repoPath.Contains('\\') &&
        (MetadataFiles.Contains(repoPath) || IsWeights(repoPath));

    /// <summary>True for weight files (safetensors shards and their index), which must be complete for a snapshot to count.</summary>
    public static bool IsWeights(string repoPath) =>
        repoPath.EndsWith(".safetensors", StringComparison.Ordinal) || repoPath.EndsWith(".safetensors.index.json", StringComparison.Ordinal);

    /// <summary>
    /// Orders files so that the snapshot only looks complete once it is: configuration and tokenizer first, then the
    /// shard index, then the shards. An interrupted pull therefore never passes <see cref="IsCompleteSnapshot"/>.
    /// </summary>
    public static List<string> InDownloadOrder(IEnumerable<string> files) =>
        files.OrderBy(f => IsWeights(f) ? (f.EndsWith(".index.json", StringComparison.Ordinal) ? 1 : 2) : 0)
            .ThenBy(f => f, StringComparer.Ordinal).ToList();

    /// <summary>True when the weights' file list is complete: a config plus every safetensors file the index names (or a single one).</summary>
    /// <remarks>Works on snapshots written by any tool, so models cached by Python libraries count as complete too.</remarks>
    public static bool IsCompleteSnapshot(string folder)
    {
        if (!Directory.Exists(folder) || !IsPresent(Path.Combine(folder, "config.json")))
            return false;
        var index = Path.Combine(folder, "model.safetensors.index.json");
        if (File.Exists(index))
            return IndexedShards(index) is { Count: > 0 } shards && shards.All(s => IsPresent(Path.Combine(folder, s)));
        return Directory.EnumerateFiles(folder, "*.safetensors").Any(IsPresent);
    }

    /// <summary>True when <paramref name="path"/> is a file, or a symlink whose final target is one (File.Exists is true for dangling links).</summary>
    public static bool IsPresent(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
            return false;
        return info.LinkTarget is null || info.ResolveLinkTarget(returnFinalTarget: true) is { Exists: true };
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
