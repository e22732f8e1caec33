namespace Platform.Silo.Hub;

/// <summary>What a HEAD on a file's resolve URL tells us: its commit, content ETag, size and where to fetch it.</summary>
/// <param name="Commit">The commit the Hub resolved the revision to (`X-Repo-Commit`).</param>
/// <param name="Etag">The normalized ETag: a git SHA-1 for plain files, the SHA-256 of the content for LFS files.</param>
/// <param name="Size">The file's size in bytes.</param>
/// <param name="DownloadUrl">The URL to GET: the CDN location of an LFS file, or the resolve URL itself.</param>
public sealed record HubFileMetadata(string? Commit, string Etag, long Size, Uri DownloadUrl)
{
    /// <summary>True when the ETag is a SHA-256 of the content, which the download can be verified against.</summary>
    public bool EtagIsSha256 => Etag.Length == 64 && Etag.All(Uri.IsHexDigit);
}
