using System.Security.Cryptography;

namespace Platform.Silo.Tests.Hub;

/// <summary>
/// Writes a model into a cache folder the way the Python hub client (`hf download`) leaves it: content-named files in
/// `blobs/`, `snapshots/{commit}/` holding relative symlinks into them, and `refs/main` naming the commit.
/// </summary>
internal static class HubCacheLayoutOnDisk
{
    public const string Commit = "0123456789abcdef0123456789abcdef01234567";

    /// <summary>
    /// Caches every file of <paramref name="modelFolder"/> as <paramref name="repoId"/>; the file named
    /// <paramref name="chainedFile"/> is reached through two links (snapshot → an older snapshot's link → blob), as when
    /// a file is unchanged between revisions and a tool links the new snapshot to the old one.
    /// </summary>
    public static string Write(string cacheRoot, string repoId, string modelFolder, string? chainedFile = null)
    {
        var repo = Path.Combine(cacheRoot, "models--" + repoId.Replace("/", "--", StringComparison.Ordinal));
        var blobs = Directory.CreateDirectory(Path.Combine(repo, "blobs")).FullName;
        var snapshot = Directory.CreateDirectory(Path.Combine(repo, "snapshots", Commit)).FullName;
        var older = Directory.CreateDirectory(Path.Combine(repo, "snapshots", new string('f', 40))).FullName;
        foreach (var file in Directory.GetFiles(modelFolder))
        {
            var bytes = File.ReadAllBytes(file);
            var blob = Path.Combine(blobs, Convert.ToHexStringLower(SHA256.HashData(bytes)));
            File.WriteAllBytes(blob, bytes);
            var name = Path.GetFileName(file);
            var link = Path.Combine(snapshot, name);
            if (name == chainedFile)
            {
                File.CreateSymbolicLink(Path.Combine(older, name), Path.GetRelativePath(older, blob));
                File.CreateSymbolicLink(link, Path.Combine("..", Path.GetFileName(older), name));
            }
            else
            {
                File.CreateSymbolicLink(link, Path.GetRelativePath(snapshot, blob));
            }
        }
        Directory.CreateDirectory(Path.Combine(repo, "refs"));
        File.WriteAllText(Path.Combine(repo, "refs", "main"), Commit);
        return snapshot;
    }
}
