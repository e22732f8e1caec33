using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Platform.Silo.Tests.Commands;

namespace Platform.Silo.Tests.Cluster.Support;

/// <summary>One real `platform serve|silo|api --cluster` process on loopback ports of its own; disposing kills it.</summary>
internal sealed partial class ClusterNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log;
    private int _disposed;

    private ClusterNode(Process process, StringBuilder log, Uri address, int siloPort)
    {
        _process = process;
        _log = log;
        Address = address;
        SiloPort = siloPort;
    }

    /// <summary>The HTTP base address (the API, or only /health on a silo).</summary>
    public Uri Address { get; }

    /// <summary>The silo-to-silo port, which names this process in replica silo addresses ("127.0.0.1:PORT@gen").</summary>
    public int SiloPort { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the process wrote so far (its log and its banner).</summary>
    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }


    [GeneratedRegex(@"(?:health: |API: )(http://[^\s/)]+)")]
    private static partial Regex UrlLine();

    /// <summary>Starts `platform {role} --cluster {url} ...` and waits until its HTTP endpoint listens.</summary>
    public static async Task<ClusterNode> StartAsync(string role, string clusterUrl, string clusterId, params string[] extra)
    {
        var siloPort = FreePort();
        string[] arguments = [role, "--cluster", clusterUrl, "--cluster-id", clusterId, "--port", "0",
            "--silo-port", siloPort.ToString(), "--gateway-port", FreePort().ToString(), .. extra];
        var process = PlatformProcess.Start(arguments);
        var log = new StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Logs go to stdout, the banner with the address to stderr: keep both.
        _ = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
                lock (log) log.AppendLine(line);
        });
        _ = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                lock (log) log.AppendLine(line);
                if (UrlLine().Match(line) is { Success: true } match)
                    listening.TrySetResult(new Uri(match.Groups[1].Value));
            }
            listening.TrySetException(new InvalidOperationException("the process exited before it listened"));
        });
        try
        {
            var address = await listening.Task.WaitAsync(TimeSpan.FromMinutes(2));
            return new ClusterNode(process, log, address, siloPort);
        }
        catch (Exception error)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"platform {role} did not start listening ({error.Message}):\n{log}");
        }
    }

    public HttpClient CreateClient() => new() { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(2) };

    /// <summary>Waits until /health answers 200 (its models loaded, the database reachable).</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var client = CreateClient();
        var deadline = Stopwatch.StartNew();
        var last = "";
        while (deadline.Elapsed < timeout)
        {
            try
            {
                using var response = await client.GetAsync("health");
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (HttpRequestException error)
            {
                last = error.Message;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{Address} was not healthy within {timeout.TotalSeconds:0} s (last: {last}):\n{Log}");
    }

    /// <summary>kill -9: no drain, no goodbye to the cluster.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>SIGTERM, as Kubernetes stops a pod: the process drains and leaves the cluster.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()]);
        kill.WaitForExit();
    }

    public Task WaitForExitAsync(TimeSpan timeout) => _process.WaitForExitAsync().WaitAsync(timeout);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
