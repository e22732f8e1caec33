using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Audit;
using Platform.Api.Hosting;
using Platform.Api.Tests.Endpoints.Support;

namespace Platform.Api.Tests.Audit;

/// <summary>A JSONL audit file in a directory of its own, and a test server that audits to it.</summary>
internal sealed class AuditFile : IDisposable
{
    public AuditFile() => Directory = System.IO.Directory.CreateTempSubdirectory("platform-audit-").FullName;

    public string Directory { get; }

    public string Path => System.IO.Path.Combine(Directory, "audit.jsonl");

    /// <summary>tiny: 1.00 per million prompt tokens, 0.50 cached, 2.00 completion.</summary>
    public static ModelPrices TinyPrices { get; } = ModelPrices.Parse("""{"tiny": {"prompt": 1.00, "cached": 0.50, "completion": 2.00}}""");

    /// <summary>A server auditing to this file; <paramref name="audit"/> adjusts the audit options, <paramref name="configure"/> the rest.</summary>
    public Task<ApiTestServer> StartServerAsync(Func<AuditOptions, AuditOptions>? audit = null, Action<ApiOptions>? configure = null,
        Action<IServiceCollection>? services = null, IAuditSink? sink = null)
    {
        var options = new AuditOptions { Sink = sink ?? JsonlAuditSink.Open(Path), Prices = TinyPrices, MaxRetryDelay = TimeSpan.FromMilliseconds(200) };
        options = audit?.Invoke(options) ?? options;
        return ApiTestServer.StartAsync(o =>
        {
            o.Audit = options;
            configure?.Invoke(o);
        }, services);
    }

    /// <summary>The records written so far, one per line (each line must be a whole JSON object).</summary>
    public IReadOnlyList<JsonObject> Records() => File.Exists(Path)
        ? File.ReadAllLines(Path).Select(l => JsonNode.Parse(l)!.AsObject()).ToList()
        : [];

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Directory))
            System.IO.Directory.Delete(Directory, recursive: true);
    }
}
