using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;

namespace Platform.Silo.Tests.Observability;

/// <summary>
/// A real Prometheus (the distribution's binary) as a child process on a free 127.0.0.1 port: it scrapes one target
/// every second and evaluates the given rule files every second. Disposing kills it and deletes its data.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    public const string Job = "platform";

    private readonly Process _process;
    private readonly StringBuilder _log;
    private readonly DirectoryInfo _directory;
    private int _disposed;

    private PrometheusServer(Process process, StringBuilder log, DirectoryInfo directory, Uri address)
    {
        (_process, _log, _directory, Address) = (process, log, directory, address);
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    /// <summary>Everything Prometheus logged so far, for failure messages.</summary>
    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    /// <summary>The full path of `prometheus` or `promtool`; fails the test (never skips it) when the package is missing.</summary>
    public static string Tool(string name)
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin")
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
        return path ?? throw new InvalidOperationException(
            $"`{name}` is not installed: these tests need a real Prometheus. Install it with `apt-get install prometheus` " +
            "(Debian's package brings prometheus and promtool; .ci/run installs it).");
    }

    /// <summary>Runs promtool with <paramref name="arguments"/> in <paramref name="workingDirectory"/>: its exit code and its output.</summary>
    public static async Task<(int ExitCode, string Output)> PromtoolAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Tool("promtool"), arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Starts Prometheus scraping <paramref name="metrics"/> (the full URL of a /metrics endpoint) and waits until it is ready.</summary>
    public static async Task<PrometheusServer> StartAsync(Uri metrics, params string[] ruleFiles)
    {
        var binary = Tool("prometheus");
        var directory = Directory.CreateTempSubdirectory("platform-prometheus-");
        var port = FreePort();
        // scrape_timeout must stay below the interval, or Prometheus refuses the configuration.
        var config = new StringBuilder($"""
            global:
              scrape_interval: 1s
              scrape_timeout: 900ms
              evaluation_interval: 1s
            rule_files:
            {string.Concat(ruleFiles.Select(file => $"  - '{Path.GetFullPath(file)}'\n"))}
            scrape_configs:
              - job_name: {Job}
                metrics_path: '{metrics.AbsolutePath}'
                static_configs:
                  - targets: ['{metrics.Authority}']
            """);
        var configFile = Path.Combine(directory.FullName, "prometheus.yml");
        await File.WriteAllTextAsync(configFile, config.ToString());

        var start = new ProcessStartInfo(binary,
        [
            $"--config.file={configFile}",
            $"--storage.tsdb.path={Path.Combine(directory.FullName, "data")}",
            $"--web.listen-address=127.0.0.1:{port}",
        ])
        {
            WorkingDirectory = directory.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var log = new StringBuilder($"prometheus.yml:\n{config}\n\n");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) lock (log) log.AppendLine(line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) lock (log) log.AppendLine(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new PrometheusServer(process, log, directory, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            var last = "";
            await Eventually.True(async () =>
            {
                if (process.HasExited)
                    throw new InvalidOperationException($"prometheus exited with {process.ExitCode}");
                try
                {
                    using var response = await server.Client.GetAsync("-/ready");
                    last = $"{(int)response.StatusCode}";
                    return response.StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException error)
                {
                    last = error.Message;
                    return false;
                }
            }, "Prometheus is ready", 30, () => $"last: {last}\n{server.Log}");
        }
        catch (Exception error) when (error is not Xunit.Sdk.XunitException)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"Prometheus did not start ({error.Message}):\n{server.Log}");
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>GETs an HTTP API path and returns its `data`, failing with Prometheus's error and log when it is not a success.</summary>
    public async Task<JsonNode> ApiAsync(string pathAndQuery)
    {
        using var response = await Client.GetAsync(pathAndQuery);
        var body = await response.Content.ReadAsStringAsync();
        var json = JsonNode.Parse(body);
        if (response.StatusCode != HttpStatusCode.OK || (string?)json?["status"] != "success")
            Assert.Fail($"GET {pathAndQuery} answered {(int)response.StatusCode}: {body}\n\nPrometheus log:\n{Log}");
        return json!["data"]!;
    }

    /// <summary>An instant query at <paramref name="time"/>: the result vector's elements (their `metric` and `value`).</summary>
    public async Task<JsonArray> QueryAsync(string expr, DateTimeOffset time)
    {
        var at = (time.ToUnixTimeMilliseconds() / 1000.0).ToString("F3", CultureInfo.InvariantCulture);
        var data = await ApiAsync($"api/v1/query?query={Uri.EscapeDataString(expr)}&time={at}");
        Assert.Equal("vector", (string?)data["resultType"]);
        return data["result"]!.AsArray();
    }

    /// <summary>Parses Prometheus's RFC 3339 times, whose nanoseconds are more digits than .NET reads.</summary>
    public static DateTimeOffset ParseTime(string time) =>
        DateTimeOffset.Parse(Regex.Replace(time, @"(\.\d{7})\d+", "$1"), CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        Client.Dispose();
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        _process.Dispose();
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file the killed process still had open: the temp folder is cleaned by the OS later.
        }
    }
}
