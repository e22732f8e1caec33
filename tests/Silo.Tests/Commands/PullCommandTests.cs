using Platform.Engine.Hub;
using Platform.Silo.Commands;

namespace Platform.Silo.Tests.Commands;

public sealed class PullCommandTests : IDisposable
{
    const string Commit = "89abcdef0123456789abcdef0123456789abcdef";
    readonly DirectoryInfo _cache = Directory.CreateTempSubdirectory("pull-cache-");

    public void Dispose() => _cache.Delete(recursive: true);

    async Task<(int Code, string Stdout, string Stderr)> Pull(string repoId, string revision = "main")
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter();
        // Offline: these tests exercise the command's wiring; downloading is covered by the Hub tests against a loopback Hub.
        var options = new HubOptions { CacheDirectory = _cache.FullName, Offline = true, Endpoint = "http://127.0.0.1:9" };
        var code = await PullCommand.RunAsync(repoId, revision, options, null, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task CachedModelPrintsItsSnapshotFolder()
    {
        var repo = Path.Combine(_cache.FullName, "models--org--tiny");
        var snapshot = Directory.CreateDirectory(Path.Combine(repo, "snapshots", Commit)).FullName;
        File.WriteAllText(Path.Combine(snapshot, "config.json"), "{}");
        File.WriteAllText(Path.Combine(snapshot, "model.safetensors"), "");
        Directory.CreateDirectory(Path.Combine(repo, "refs"));
        File.WriteAllText(Path.Combine(repo, "refs", "v2"), Commit);

        var (code, stdout, stderr) = await Pull("org/tiny", "v2");

        Assert.Equal((0, snapshot + "\n", ""), (code, stdout, stderr));
    }

    [Fact]
    public async Task MissingModelOfflineFailsWithAMessageNamingTheLocalOption()
    {
        var (code, stdout, stderr) = await Pull("org/tiny");

        Assert.Equal((1, ""), (code, stdout));
        Assert.StartsWith("error: HF_HUB_OFFLINE is set", stderr);
        Assert.Contains("--model PATH", stderr);
    }

    [Fact]
    public async Task PathInsteadOfARepoIdFails()
    {
        var (code, _, stderr) = await Pull("./models/tiny");

        Assert.Equal(1, code);
        Assert.Contains("expected ORG/NAME", stderr);
    }
}
