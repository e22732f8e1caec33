using System.CommandLine;
using Platform.Silo.Hub;
using Platform.Silo.Hosting;

namespace Platform.Silo.Commands;

/// <summary>`platform serve`: one process, one silo, the OpenAI-compatible API; models from local paths or the Hugging Face cache.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var model = new Option<string[]>("--model") { Description = $"Model folder, .gguf file or Hugging Face id ORG/NAME; repeat to serve several (default {ModelSourceResolver.DefaultModel})" };
        var servedName = new Option<string[]>("--served-model-name") { Description = "Name clients use for each --model (default: the --model value)" };
        var revision = new Option<string>("--revision") { DefaultValueFactory = _ => "main", Description = "Hub revision for ORG/NAME models" };
        var host = new Option<string>("--host") { DefaultValueFactory = _ => "127.0.0.1", Description = "Address to listen on" };
        var port = new Option<int>("--port") { DefaultValueFactory = _ => 8000, Description = "Port to listen on (0: any free port)" };
        var replicas = new Option<int>("--replicas") { DefaultValueFactory = _ => 1, Description = "Engine replicas per model" };
        var kvMemory = new Option<string?>("--kv-cache-memory") { Description = "KV cache budget for all replicas: bytes, 4GiB, 512MB, or a fraction of available memory (0.3); default 0.25" };
        var maxSeqs = new Option<int>("--max-num-seqs") { DefaultValueFactory = _ => 64, Description = "Most sequences a replica runs at once" };
        var maxBatched = new Option<int>("--max-num-batched-tokens") { DefaultValueFactory = _ => 512, Description = "Most tokens a replica computes per step" };
        var maxModelLen = new Option<int?>("--max-model-len") { Description = "Cap on prompt plus output tokens" };
        var maxWaiting = new Option<int>("--max-waiting") { DefaultValueFactory = _ => 256, Description = "Requests a replica may queue before answering 429" };
        var noPrefixCaching = new Option<bool>("--no-enable-prefix-caching") { Description = "Turn automatic prefix caching off" };
        var state = new Option<string?>("--state") { Description = "Grain state in PostgreSQL: postgres://user:pass@host:port/db (default: in memory)" };
        var loadFormat = new Option<string>("--load-format") { DefaultValueFactory = _ => "auto", Description = "auto, or dummy: random weights for the model's config.json" };
        var dtype = new Option<string>("--dtype") { DefaultValueFactory = _ => "f32", Description = "Weight type of dummy weights: f32, f16, bf16, q8_0 or q4_0" };
        var apiKey = new Option<string?>("--api-key") { Description = "Require this bearer token on API calls" };
        var idle = new Option<int>("--idle-timeout") { DefaultValueFactory = _ => 900, Description = "Seconds a model replica may sit idle before it is unloaded (scale to zero)" };
        var command = new Command("serve", "Serve models over the OpenAI-compatible HTTP API (silo and API in one process)")
        {
            model, servedName, revision, host, port, replicas, kvMemory, maxSeqs, maxBatched, maxModelLen, maxWaiting, noPrefixCaching, state,
            loadFormat, dtype, apiKey, idle,
        };
        command.SetAction(async (r, ct) => await RunAsync(new ServeOptions
        {
            Models = r.GetValue(model) is { Length: > 0 } m ? m : [ModelSourceResolver.DefaultModel],
            ServedModelNames = r.GetValue(servedName) ?? [],
            Revision = r.GetValue(revision)!,
            Host = r.GetValue(host)!,
            Port = r.GetValue(port),
            Replicas = r.GetValue(replicas),
            KvCacheMemory = r.GetValue(kvMemory),
            MaxNumSeqs = r.GetValue(maxSeqs),
            MaxNumBatchedTokens = r.GetValue(maxBatched),
            MaxModelLength = r.GetValue(maxModelLen),
            MaxWaiting = r.GetValue(maxWaiting),
            EnablePrefixCaching = !r.GetValue(noPrefixCaching),
            State = r.GetValue(state),
            LoadFormat = r.GetValue(loadFormat)!,
            DummyDtype = r.GetValue(dtype)!,
            ApiKey = r.GetValue(apiKey),
            IdleTimeout = TimeSpan.FromSeconds(r.GetValue(idle)),
        }, ct));
        return command;
    }

    private static async Task<int> RunAsync(ServeOptions options, CancellationToken cancellationToken)
    {
        SiloHost host;
        try
        {
            var resolved = new List<(string, string)>();
            foreach (var reference in options.Models)
                resolved.Add((reference, await ModelSourceResolver.ResolveAsync(reference, options.Revision, cancellationToken)));
            host = await SiloHost.StartAsync(options, ModelOptionsBuilder.Build(options, resolved));
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
            Console.Error.WriteLine($"  Platform is serving {string.Join(", ", host.Models)}");
            Console.Error.WriteLine($"  OpenAI-compatible API: {host.Url}/v1   (health: {host.Url}/health)");
            Console.Error.WriteLine($"  Press Ctrl+C to stop.");
            Console.Error.WriteLine();
            await host.WaitForShutdownAsync(cancellationToken);
        }
        return 0;
    }
}
