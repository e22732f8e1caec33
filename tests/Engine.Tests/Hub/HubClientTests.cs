using Platform.Engine.Hub;

namespace Platform.Engine.Tests.Hub;

public sealed class HubClientTests : IAsyncLifetime
{
    static readonly string[] ServedFiles = ["config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json"];
    readonly string _cache = Directory.CreateTempSubdirectory("hub-cache-").FullName;
    FakeHubServer _hub = null!;

    public async Task InitializeAsync() => _hub = await FakeHubServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        Directory.Delete(_cache, recursive: true);
    }

    HubClient Client(string? token = null, bool offline = false, int maxAttempts = 5) =>
        new(new HubOptions { Endpoint = _hub.Endpoint, CacheDirectory = _cache, Token = token, Offline = offline, MaxAttempts = maxAttempts });

    string RepoFolder => Path.Combine(_cache, "models--test-org--tiny-llama");

    void AssertSnapshotWithRef(string snapshot, string revision, string commit)
    {
        Assert.Equal(Path.Combine(RepoFolder, "snapshots", commit), snapshot);
        Assert.Equal(commit, File.ReadAllText(Path.Combine(RepoFolder, "refs", revision)));
    }

    static string EtagOf(string file) =>
        FakeHubServer.IsLfs(file) ? FakeHubServer.Sha256Of(FakeHubServer.FileAt(file)) : FakeHubServer.GitBlobId(FakeHubServer.FileAt(file));

    [Fact]
    public async Task ResolveWritesHuggingFaceCacheLayoutWithSymlinksToEtagNamedBlobs()
    {
        using var client = Client();
        var snapshot = await client.ResolveAsync(FakeHubServer.RepoId, "main");

        AssertSnapshotWithRef(snapshot, "main", FakeHubServer.MainCommit);
        foreach (var file in ServedFiles)
        {
            var pointer = new FileInfo(Path.Combine(snapshot, file));
            Assert.Equal(Path.Combine("..", "..", "blobs", EtagOf(file)), pointer.LinkTarget);
            Assert.Equal(FakeHubServer.FileAt(file), File.ReadAllBytes(pointer.FullName));
        }
        Assert.Equal(ServedFiles.Select(EtagOf).Order(), Directory.GetFiles(Path.Combine(RepoFolder, "blobs")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task ResolveSkipsFilesServingDoesNotNeed()
    {
        using var client = Client();
        var snapshot = await client.ResolveAsync(FakeHubServer.RepoId, "main");

        Assert.Equal(ServedFiles, Directory.GetFileSystemEntries(snapshot).Select(Path.GetFileName).Order());
        Assert.DoesNotContain(_hub.Requests, r => r.Path.Contains("README") || r.Path.Contains(".bin") || r.Path.Contains("onnx") || r.Path.Contains("original"));
    }

    [Fact]
    public async Task SecondResolveIsServedFromCacheWithoutAnyRequest()
    {
        using var client = Client();
        var first = await client.ResolveAsync(FakeHubServer.RepoId, "main");
        var before = _hub.Requests.Count;

        var second = await client.ResolveAsync(FakeHubServer.RepoId, "main");

        Assert.Equal(first, second);
        Assert.Equal(before, _hub.Requests.Count);
    }

    [Fact]
    public async Task DroppedConnectionIsResumedWithARangeRequestAndTheBlobVerifies()
    {
        _hub.DropAfterBytes = 5_000_000;
        using var client = Client();
        var snapshot = await client.ResolveAsync(FakeHubServer.RepoId, "main");

        var cdnGets = _hub.Requests.Where(r => r.Method == "GET" && r.Path.StartsWith("/cdn/")).ToList();
        Assert.Equal(2, cdnGets.Count);
        Assert.Equal("", cdnGets[0].Range);
        Assert.Equal("bytes=5000000-", cdnGets[1].Range);
        Assert.Equal(FakeHubServer.FileAt("model.safetensors"), File.ReadAllBytes(Path.Combine(snapshot, "model.safetensors")));
        Assert.Empty(Directory.GetFiles(Path.Combine(RepoFolder, "blobs"), "*.incomplete"));
    }

    [Fact]
    public async Task IncompleteFileLeftByAnEarlierRunIsResumedFromItsLength()
    {
        var weights = FakeHubServer.FileAt("model.safetensors");
        var blobs = Directory.CreateDirectory(Path.Combine(RepoFolder, "blobs")).FullName;
        File.WriteAllBytes(Path.Combine(blobs, FakeHubServer.Sha256Of(weights) + ".incomplete"), weights[..1234]);

        using var client = Client();
        var snapshot = await client.ResolveAsync(FakeHubServer.RepoId, "main");

        Assert.Equal("bytes=1234-", Assert.Single(_hub.Requests, r => r.Method == "GET" && r.Path.StartsWith("/cdn/")).Range);
        Assert.Equal(weights, File.ReadAllBytes(Path.Combine(snapshot, "model.safetensors")));
    }

    [Fact]
    public async Task InterruptedPullIsResumedByTheNextResolveNotMistakenForComplete()
    {
        _hub.DropAfterBytes = 3_000_000;
        using (var failing = Client(maxAttempts: 1))
        {
            var error = await Assert.ThrowsAsync<HubException>(() => failing.ResolveAsync(FakeHubServer.RepoId, "main"));
            Assert.Contains("resume", error.Message);
        }

        using var client = Client();
        var snapshot = await client.ResolveAsync(FakeHubServer.RepoId, "main");

        Assert.Equal("bytes=3000000-", _hub.Requests.Last(r => r.Path.StartsWith("/cdn/")).Range);
        Assert.Equal(FakeHubServer.FileAt("model.safetensors"), File.ReadAllBytes(Path.Combine(snapshot, "model.safetensors")));
    }

    [Fact]
    public async Task BlobLockedByAnotherProcessIsNotDownloadedWhileTheLockIsHeld()
    {
        var etag = EtagOf("model.safetensors");
        var lockPath = Path.Combine(_cache, ".locks", "models--test-org--tiny-llama", etag + ".lock");
        Directory.CreateDirectory(Path.GetDirectoryName(lockPath)!);
        using (new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            using var client = Client();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(700));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ResolveAsync(FakeHubServer.RepoId, "main", ct: timeout.Token));
        }

        Assert.DoesNotContain(_hub.Requests, r => r.Path.StartsWith("/cdn/"));
        using var after = Client();
        Assert.True(File.Exists(Path.Combine(await after.ResolveAsync(FakeHubServer.RepoId, "main"), "model.safetensors")));
    }

    [Fact]
    public async Task ServiceUnavailableIsRetried()
    {
        _hub.UnavailableResponses = 2;
        using var client = Client();

        var snapshot = await client.ResolveAsync(FakeHubServer.RepoId, "main");

        Assert.Equal(3, _hub.Requests.Count(r => r.Method == "GET" && r.Path.StartsWith("/cdn/")));
        Assert.Equal(FakeHubServer.FileAt("model.safetensors"), File.ReadAllBytes(Path.Combine(snapshot, "model.safetensors")));
    }

    [Fact]
    public async Task CorruptDownloadIsRejectedAndNotKept()
    {
        _hub.CorruptLfsContent = true;
        using var client = Client();

        var error = await Assert.ThrowsAsync<HubException>(() => client.ResolveAsync(FakeHubServer.RepoId, "main"));

        Assert.Contains("SHA-256", error.Message);
        var blobs = Directory.GetFiles(Path.Combine(RepoFolder, "blobs")).Select(Path.GetFileName);
        Assert.DoesNotContain(blobs, b => b!.StartsWith(EtagOf("model.safetensors")));
        Assert.False(File.Exists(Path.Combine(RepoFolder, "refs", "main")));
    }

    [Fact]
    public async Task TokenIsSentAsBearerAuthorizationToTheHub()
    {
        using var client = Client(token: "hf_secret");
        await client.ResolveAsync(FakeHubServer.RepoId, "main");

        Assert.All(_hub.Requests.Where(r => !r.Path.StartsWith("/cdn/")), r => Assert.Equal("Bearer hf_secret", r.Authorization));
    }

    [Fact]
    public async Task RequestsCarryNoAuthorizationWithoutAToken()
    {
        using var client = Client();
        await client.ResolveAsync(FakeHubServer.RepoId, "main");

        Assert.All(_hub.Requests, r => Assert.Equal("", r.Authorization));
    }

    [Fact]
    public async Task RevisionSelectsItsCommitAndWritesItsRef()
    {
        using var client = Client();
        var snapshot = await client.ResolveAsync(FakeHubServer.RepoId, "v1");

        AssertSnapshotWithRef(snapshot, "v1", FakeHubServer.V1Commit);
        Assert.Contains("\"v1\"", File.ReadAllText(Path.Combine(snapshot, "config.json")));
        Assert.Contains(_hub.Requests, r => r.Path == $"/api/models/{FakeHubServer.RepoId}/revision/v1");
    }

    [Fact]
    public async Task FilesAreFetchedAtThePinnedCommitNotTheBranch()
    {
        using var client = Client();
        await client.ResolveAsync(FakeHubServer.RepoId, "main");

        Assert.All(_hub.Requests.Where(r => r.Path.Contains("/resolve/")),
            r => Assert.Contains($"/resolve/{FakeHubServer.MainCommit}/", r.Path));
    }

    [Fact]
    public async Task CommitHashRevisionResolvesWithoutWritingARef()
    {
        using var client = Client();
        var snapshot = await client.ResolveAsync(FakeHubServer.RepoId, FakeHubServer.V1Commit);

        Assert.Equal(Path.Combine(RepoFolder, "snapshots", FakeHubServer.V1Commit), snapshot);
        Assert.False(Directory.Exists(Path.Combine(RepoFolder, "refs")));
    }

    [Fact]
    public async Task OfflineResolvesACachedRefWithoutTheNetwork()
    {
        using (var online = Client())
            await online.ResolveAsync(FakeHubServer.RepoId, "main");
        var before = _hub.Requests.Count;

        using var offline = Client(offline: true);
        var snapshot = await offline.ResolveAsync(FakeHubServer.RepoId, "main");

        Assert.Equal(Path.Combine(RepoFolder, "snapshots", FakeHubServer.MainCommit), snapshot);
        Assert.Equal(before, _hub.Requests.Count);
    }

    [Fact]
    public async Task OfflineWithAnEmptyCacheFailsNamingTheLocalPathOption()
    {
        using var offline = Client(offline: true);

        var error = await Assert.ThrowsAsync<HubException>(() => offline.ResolveAsync(FakeHubServer.RepoId, "main"));

        Assert.Contains("--model PATH", error.Message);
        Assert.Contains("HF_HUB_OFFLINE", error.Message);
        Assert.Empty(_hub.Requests);
    }

    [Fact]
    public async Task UnknownRevisionFailsWithTheHubsStatus()
    {
        using var client = Client();

        var error = await Assert.ThrowsAsync<HubException>(() => client.ResolveAsync(FakeHubServer.RepoId, "no-such-branch"));

        Assert.Contains("404", error.Message);
        Assert.Contains("--revision", error.Message);
    }

    [Fact]
    public async Task SnapshotCachedByAnotherToolIsUsedAsIs()
    {
        // The layout huggingface_hub writes, with copies instead of links (as on Windows without developer mode).
        var snapshot = Directory.CreateDirectory(Path.Combine(RepoFolder, "snapshots", FakeHubServer.MainCommit)).FullName;
        foreach (var file in ServedFiles)
            File.WriteAllBytes(Path.Combine(snapshot, file), FakeHubServer.FileAt(file));
        Directory.CreateDirectory(Path.Combine(RepoFolder, "refs"));
        File.WriteAllText(Path.Combine(RepoFolder, "refs", "main"), FakeHubServer.MainCommit);

        using var client = Client();
        Assert.Equal(snapshot, await client.ResolveAsync(FakeHubServer.RepoId, "main"));
        Assert.Empty(_hub.Requests);
    }

    [Fact]
    public async Task ProgressReportsEveryFileUpToItsSize()
    {
        var reports = new List<HubDownloadProgress>();
        using var client = Client();
        await client.ResolveAsync(FakeHubServer.RepoId, "main", new SynchronousProgress(reports.Add));

        foreach (var file in ServedFiles)
            Assert.Contains(reports, r => r.File == file && r.IsComplete && r.TotalBytes == FakeHubServer.FileAt(file).Length);
    }

    [Fact]
    public async Task MalformedRepoIdIsRejectedBeforeAnyRequest()
    {
        using var client = Client();

        var error = await Assert.ThrowsAsync<HubException>(() => client.ResolveAsync("../etc", "main"));

        Assert.Contains("ORG/NAME", error.Message);
        Assert.Empty(_hub.Requests);
    }

    sealed class SynchronousProgress(Action<HubDownloadProgress> report) : IProgress<HubDownloadProgress>
    {
        public void Report(HubDownloadProgress value) => report(value);
    }
}
