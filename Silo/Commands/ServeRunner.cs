using Platform.Silo.Hosting;
using Platform.Silo.Hub;

namespace Platform.Silo.Commands;

/// <summary>Resolves the models, starts the host, prints where it listens and runs until Ctrl+C or SIGTERM (which drains first).</summary>
internal static class ServeRunner
{
    public static async Task<int> RunAsync(ServeOptions options, CancellationToken cancellationToken)
    {
        PlatformHost host;
        try
        {
            var models = new List<Grains.Catalog.ServedModelOptions>();
            if (options.Role != HostRole.Api)
            {
                var resolved = new List<(string, string)>();
                foreach (var reference in options.Models)
                    resolved.Add((reference, await ModelSourceResolver.ResolveAsync(reference, options.Revision, cancellationToken)));
                models = ModelOptionsBuilder.Build(options, resolved);
            }
            host = await PlatformHost.StartAsync(options, models);
        }
        catch (Exception error) when (error is HubException or HttpRequestException)
        {
            Console.Error.WriteLine($"error: {error.Message}");
            Console.Error.WriteLine("To serve a model already on this machine, pass --model PATH (a model folder or a .gguf file).");
            return 1;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            Console.Error.WriteLine($"error: {error.Message}");
            return 1;
        }
        await using (host)
        {
            Console.Error.WriteLine();
            var where = options.Cluster.IsEmbedded ? "embedded cluster" : $"cluster '{options.Cluster.ClusterId}'";
            if (options.Role == HostRole.Silo)
                Console.Error.WriteLine($"  Platform silo of {where} hosting {string.Join(", ", host.Models)} (health: {host.Url}/health)");
            else
            {
                Console.Error.WriteLine(options.Role == HostRole.Api
                    ? $"  Platform API node of {where}"
                    : $"  Platform is serving {string.Join(", ", host.Models)} ({where})");
                Console.Error.WriteLine($"  OpenAI-compatible API: {host.Url}/v1   (health: {host.Url}/health)");
            }
            Console.Error.WriteLine($"  Press Ctrl+C to stop.");
            Console.Error.WriteLine();
            await host.WaitForShutdownAsync(cancellationToken);
        }
        return 0;
    }
}
