using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Silo.Tests.Commands;

/// <summary>A long-running `platform serve|silo|api` child process, as a user starts it; disposing kills it.</summary>
internal partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log;
    private int _disposed;

    protected ServerProcess(Launched launched)
    {
        (_process, _log, Address) = launched;
    }

    /// <summary>The HTTP base address (the API, or only /health on a silo).</summary>
    public Uri Address { get; }

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the process wrote so far (its log and its banner).</summary>
    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    /// <summary>A started process with its log so far and the address its banner named.</summary>
    protected readonly record struct Launched(Process Process, StringBuilder Log, Uri Address);

    [GeneratedRegex(@"(?:health: |API: )(http://[^\s/)]+)")]
    private static partial Regex UrlLine();

    /// <summary>Starts `platform {arguments}` and waits until its HTTP endpoint listens.</summary>
    public static async Task<ServerProcess> StartAsync(params string[] arguments) => new(await LaunchAsync(arguments));

    protected static async Task<Launched> LaunchAsync(string[] arguments)
    {
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
            return new Launched(process, log, await listening.Task.WaitAsync(TimeSpan.FromMinutes(2)));
        }
        catch (Exception error)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"platform {arguments[0]} did not start listening ({error.Message}):\n{log}");
        }
    }

    /// <summary>A client for the process's HTTP endpoint, patient enough for long generations.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(2) };

    /// <summary>Waits until /health answers 200: replicas load in the background after the process listens.</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var client = CreateClient();
        var last = "";
        await Eventually.True(async () =>
        {
            try
            {
                using var response = await client.GetAsync("health");
                if (response.StatusCode == HttpStatusCode.OK)
                    return true;
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (HttpRequestException error)
            {
                last = error.Message;
            }
            return false;
        }, $"{Address} is healthy", (int)timeout.TotalSeconds, () => $"last: {last}\n{Log}");
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
}
