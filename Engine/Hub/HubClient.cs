namespace Platform.Engine.Hub;

/// <summary>Resolves `org/name@revision` to a local snapshot folder, downloading what serving needs into the Hugging Face cache.</summary>
public sealed class HubClient : IDisposable
{
    readonly HubOptions _options;
    readonly HubHttp _http;
    readonly BlobDownloader _downloader;

    /// <summary>A client for the Hub and cache in <paramref name="options"/>; <paramref name="handler"/> replaces the HTTP stack (it must not follow redirects itself).</summary>
    public HubClient(HubOptions options, HttpMessageHandler? handler = null)
    {
        _options = options;
        _http = new HubHttp(options, handler);
        _downloader = new BlobDownloader(_http, options.MaxAttempts);
    }

    /// <summary>A client configured from HF_* environment variables.</summary>
    public static HubClient FromEnvironment() => new(HubOptions.FromEnvironment());

    /// <summary>
    /// Returns the snapshot folder of <paramref name="repoId"/> at <paramref name="revision"/>. A complete cached snapshot is
    /// returned without touching the network; otherwise the missing files are downloaded (resuming partial ones).
    /// </summary>
    public async Task<string> ResolveAsync(string repoId, string revision = "main",
        IProgress<HubDownloadProgress>? progress = null, CancellationToken ct = default)
    {
        ModelReference.ValidateRepoId(repoId);
        if (string.IsNullOrWhiteSpace(revision) || revision.Contains("..", StringComparison.Ordinal))
            throw new HubException($"'{revision}' is not a valid revision: use a branch, tag or commit hash.");
        var layout = new HubCacheLayout(_options.CacheDirectory, repoId);
        if (layout.ReadRef(revision) is { } cached && ServingFiles.IsCompleteSnapshot(layout.SnapshotFolder(cached)))
            return layout.SnapshotFolder(cached);
        if (_options.Offline)
            throw OfflineMiss(repoId, revision, layout);

        var info = await _http.GetRepoInfoAsync(repoId, revision, ct).ConfigureAwait(false);
        var commit = info.Sha!;
        // The commit names a folder in the cache, so it must be exactly what the Hub promises: 40 hex digits.
        if (!HubCacheLayout.IsCommitHash(commit))
            throw new HubException($"The Hub answered commit '{commit}' for {repoId}@{revision}, which is not a 40-digit commit hash.");
        var files = ServingFiles.InDownloadOrder(info.Siblings!.Select(s => s.RFileName).Where(ServingFiles.IsNeeded));
        if (!files.Any(f => f.EndsWith(".safetensors", StringComparison.Ordinal)))
            throw new HubException($"{repoId}@{revision} has no .safetensors weights at its root; only safetensors models can be pulled (convert it, or pass a local folder with --model PATH).");
        if (!files.Contains("config.json"))
            throw new HubException($"{repoId}@{revision} has no config.json at its root, so it is not a Transformers model this platform can serve.");

        foreach (var file in files)
            await FetchFileAsync(repoId, commit, file, layout, progress, ct).ConfigureAwait(false);
        layout.WriteRef(revision, commit);
        return layout.SnapshotFolder(commit);
    }

    async Task FetchFileAsync(string repoId, string commit, string file, HubCacheLayout layout,
        IProgress<HubDownloadProgress>? progress, CancellationToken ct)
    {
        var pointer = Path.Combine(layout.SnapshotFolder(commit), file);
        if (ServingFiles.IsPresent(pointer))
            return;
        // Pinning the commit in the URL keeps every file of the snapshot from the same commit even if the branch moves.
        var metadata = await _http.HeadFileAsync(repoId, commit, file, ct).ConfigureAwait(false);
        var blob = layout.BlobPath(metadata.Etag);
        using (await CacheFileLock.AcquireAsync(layout.LockPath(metadata.Etag), ct).ConfigureAwait(false))
        {
            // Checked under the lock: another process may have finished this blob while we waited.
            if (!File.Exists(blob) || new FileInfo(blob).Length != metadata.Size)
                await _downloader.DownloadAsync(file, metadata, layout, progress, ct).ConfigureAwait(false);
            else
                progress?.Report(new HubDownloadProgress(file, metadata.Size, metadata.Size));
        }
        layout.LinkIntoSnapshot(commit, file, metadata.Etag);
    }

    static HubException OfflineMiss(string repoId, string revision, HubCacheLayout layout) =>
        new(layout.ReadRef(revision) is null
            ? $"HF_HUB_OFFLINE is set and {repoId}@{revision} is not in the Hugging Face cache ({layout.RepoFolder}). Download it first with `platform pull {repoId}` while online, or pass a local folder with --model PATH."
            : $"HF_HUB_OFFLINE is set and the cached snapshot of {repoId}@{revision} in {layout.RepoFolder} is incomplete. Finish it with `platform pull {repoId}` while online, or pass a local folder with --model PATH.");

    public void Dispose() => _http.Dispose();
}
