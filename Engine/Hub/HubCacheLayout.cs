using System.Text.RegularExpressions;

namespace Platform.Engine.Hub;

/// <summary>Paths of one model repository inside the Hugging Face cache (`models--org--name/{blobs,snapshots,refs}`).</summary>
public sealed partial class HubCacheLayout
{
    /// <summary>Lays out <paramref name="repoId"/> under the cache root <paramref name="cacheDirectory"/>.</summary>
    public HubCacheLayout(string cacheDirectory, string repoId)
    {
        var folderName = "models--" + repoId.Replace("/", "--", StringComparison.Ordinal);
        RepoFolder = Path.Combine(cacheDirectory, folderName);
        _locksFolder = Path.Combine(cacheDirectory, ".locks", folderName);
    }

    readonly string _locksFolder;

    /// <summary>The repository's folder in the cache.</summary>
    public string RepoFolder { get; }

    /// <summary>The content-addressed file for a blob with this (normalized) ETag.</summary>
    public string BlobPath(string etag) => Path.Combine(RepoFolder, "blobs", etag);

    /// <summary>Where a blob's bytes accumulate until they are complete and verified.</summary>
    public string IncompletePath(string etag) => BlobPath(etag) + ".incomplete";

    /// <summary>The lock file guarding a blob's download; huggingface_hub locks the same path, so the two never write one blob at once.</summary>
    public string LockPath(string etag) => Path.Combine(_locksFolder, etag + ".lock");

    /// <summary>The folder of one commit's files.</summary>
    public string SnapshotFolder(string commit) => Path.Combine(RepoFolder, "snapshots", commit);

    /// <summary>True when <paramref name="revision"/> is already a full commit hash.</summary>
    public static bool IsCommitHash(string revision) => CommitHashPattern().IsMatch(revision);

    /// <summary>The commit a branch or tag pointed to when last fetched, or null if never fetched.</summary>
    public string? ReadRef(string revision)
    {
        if (IsCommitHash(revision))
            return revision;
        var path = RefPath(revision);
        if (!File.Exists(path))
            return null;
        var commit = File.ReadAllText(path).Trim();
        return IsCommitHash(commit) ? commit : null;
    }

    /// <summary>Records that <paramref name="revision"/> resolved to <paramref name="commit"/> (no-op for commit hashes).</summary>
    public void WriteRef(string revision, string commit)
    {
        if (IsCommitHash(revision))
            return;
        var path = RefPath(revision);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, commit);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Points the snapshot's entry for <paramref name="repoPath"/> at its blob: a relative symlink, or a copy where links are refused.</summary>
    public void LinkIntoSnapshot(string commit, string repoPath, string etag)
    {
        var pointer = Path.Combine(SnapshotFolder(commit), repoPath);
        var blob = BlobPath(etag);
        var folder = Path.GetDirectoryName(pointer)!;
        Directory.CreateDirectory(folder);
        if (File.Exists(pointer) || new FileInfo(pointer).LinkTarget is not null)
            File.Delete(pointer);
        try
        {
            File.CreateSymbolicLink(pointer, Path.GetRelativePath(folder, blob));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            File.Copy(blob, pointer, overwrite: true);
        }
    }

    string RefPath(string revision) => Path.Combine(RepoFolder, "refs", revision);

    [GeneratedRegex("^[0-9a-f]{40}$")]
    private static partial Regex CommitHashPattern();
}
