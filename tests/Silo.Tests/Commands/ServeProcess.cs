using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Silo.Tests.Commands;

/// <summary>A `platform serve` child process; disposing kills it.</summary>
internal sealed partial class ServeProcess : IAsyncDisposable
{
    readonly Process _process;

    ServeProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    [GeneratedRegex(@"OpenAI-compatible API: (http://\S+)/v1")]
    private static partial Regex ListeningLine();

    /// <summary>A client for the server's API, patient enough for a first request that waits for the model to load.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = Address, Timeout = TimeSpan.FromMinutes(2) };

    /// <summary>Starts `platform serve --model {modelPath} --served-model-name {name}` on a free port and waits until it listens.</summary>
    public static async Task<ServeProcess> StartAsync(string modelPath, string name)
    {
        var process = PlatformProcess.Start("serve", "--model", modelPath, "--served-model-name", name, "--port", "0", "--kv-cache-memory", "32MB");
        var log = new StringBuilder();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
            {
                log.AppendLine(line);
                if (ListeningLine().Match(line) is { Success: true } match)
                {
                    _ = process.StandardError.ReadToEndAsync();
                    var served = new ServeProcess(process, new Uri(match.Groups[1].Value));
                    await served.WaitUntilHealthyAsync(timeout.Token);
                    return served;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        process.Kill(entireProcessTree: true);
        process.Dispose();
        throw new InvalidOperationException($"platform serve did not start listening:\n{log}");
    }

    /// <summary>Replicas load in the background after the server listens: /health answers 200 once they are ready.</summary>
    async Task WaitUntilHealthyAsync(CancellationToken ct)
    {
        using var client = CreateClient();
        while (true)
        {
            using var response = await client.GetAsync("health", ct);
            if (response.IsSuccessStatusCode)
                return;
            await Task.Delay(100, ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
