using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.Engine.Tests.Hub;

/// <summary>A real HTTP server on loopback that answers the Hub's model API and resolve URLs for one fake repository.</summary>
/// <remarks>
/// The repository holds the files of ../shared/models/tiny-llama plus files serving must skip. LFS files answer a
/// resolve with a 302 to an absolute CDN URL carrying X-Linked-Etag/X-Linked-Size, like huggingface.co does.
/// </remarks>
internal sealed class FakeHubServer : IAsyncDisposable
{
    public const string RepoId = "test-org/tiny-llama";
    public const string MainCommit = "0123456789abcdef0123456789abcdef01234567";
    public const string V1Commit = "fedcba9876543210fedcba9876543210fedcba98";

    static readonly Lazy<Dictionary<string, byte[]>> MainFiles = new(LoadMainFiles);
    readonly WebApplication _app;
    readonly Dictionary<string, Dictionary<string, byte[]>> _commits;
    int _dropsLeft;

    FakeHubServer(WebApplication app)
    {
        _app = app;
        var v1 = new Dictionary<string, byte[]>(MainFiles.Value) { ["config.json"] = Encoding.UTF8.GetBytes("{\"model_type\": \"llama\", \"revision\": \"v1\"}") };
        _commits = new() { [MainCommit] = MainFiles.Value, [V1Commit] = v1 };
    }

    /// <summary>Every request the server received, in order.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>The base URL to use as HF_ENDPOINT.</summary>
    public string Endpoint { get; private set; } = "";

    /// <summary>When set, the first GET of an LFS blob sends this many bytes and then drops the connection.</summary>
    public long? DropAfterBytes { get; set; }

    /// <summary>How many LFS blob GETs are answered 503 before the server serves them.</summary>
    public int UnavailableResponses { get; set; }

    /// <summary>When true, LFS blobs are served with one byte flipped, so their SHA-256 no longer matches the ETag.</summary>
    public bool CorruptLfsContent { get; set; }

    /// <summary>The bytes of a file at the main commit.</summary>
    public static byte[] FileAt(string file) => MainFiles.Value[file];

    public static string Sha256Of(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>The git blob id the Hub uses as ETag of a non-LFS file.</summary>
    public static string GitBlobId(byte[] content)
    {
        var header = Encoding.ASCII.GetBytes($"blob {content.Length}\0");
        return Convert.ToHexStringLower(SHA1.HashData([.. header, .. content]));
    }

    public static bool IsLfs(string file) => file.EndsWith(".safetensors", StringComparison.Ordinal) || file.EndsWith(".bin", StringComparison.Ordinal) || file.EndsWith(".onnx", StringComparison.Ordinal);

    public static async Task<FakeHubServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeHubServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.Endpoint = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        Requests.Enqueue(new RecordedRequest(request.Method, request.Path.Value ?? "", request.Headers.Range.ToString(), request.Headers.Authorization.ToString()));
        var path = Uri.UnescapeDataString(request.Path.Value ?? "");
        const string apiPrefix = "/api/models/" + RepoId + "/revision/";
        const string resolvePrefix = "/" + RepoId + "/resolve/";
        const string cdnPrefix = "/cdn/";
        if (path.StartsWith(apiPrefix, StringComparison.Ordinal))
            await AnswerRepoInfoAsync(context, path[apiPrefix.Length..]);
        else if (path.StartsWith(resolvePrefix, StringComparison.Ordinal))
            await AnswerResolveAsync(context, path[resolvePrefix.Length..]);
        else if (path.StartsWith(cdnPrefix, StringComparison.Ordinal))
            await AnswerCdnAsync(context, path[cdnPrefix.Length..]);
        else
            context.Response.StatusCode = 404;
    }

    string? CommitOf(string revision) => revision switch
    {
        "main" => MainCommit,
        "v1" => V1Commit,
        _ when _commits.ContainsKey(revision) => revision,
        _ => null,
    };

    async Task AnswerRepoInfoAsync(HttpContext context, string revision)
    {
        if (CommitOf(revision) is not { } commit)
        {
            context.Response.StatusCode = 404;
            return;
        }
        var siblings = _commits[commit].Keys.Select(f => new Dictionary<string, string> { ["rfilename"] = f });
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, object> { ["id"] = RepoId, ["sha"] = commit, ["siblings"] = siblings }));
    }

    async Task AnswerResolveAsync(HttpContext context, string rest)
    {
        var slash = rest.IndexOf('/');
        if (slash < 0 || CommitOf(rest[..slash]) is not { } commit || !_commits[commit].TryGetValue(rest[(slash + 1)..], out var content))
        {
            context.Response.StatusCode = 404;
            return;
        }
        var file = rest[(slash + 1)..];
        var headers = context.Response.Headers;
        headers["X-Repo-Commit"] = commit;
        if (IsLfs(file))
        {
            var sha = Sha256Of(content);
            headers["X-Linked-Etag"] = $"\"{sha}\"";
            headers["X-Linked-Size"] = content.Length.ToString();
            headers.ETag = $"\"{GitBlobId(Encoding.ASCII.GetBytes(sha))}\"";
            headers.Location = $"{Endpoint}/cdn/{sha}";
            context.Response.StatusCode = 302;
            return;
        }
        headers.ETag = $"\"{GitBlobId(content)}\"";
        await ServeBytesAsync(context, content, dropAfter: null);
    }

    async Task AnswerCdnAsync(HttpContext context, string sha)
    {
        var content = _commits.Values.SelectMany(f => f.Values).FirstOrDefault(c => Sha256Of(c) == sha);
        if (content is null)
        {
            context.Response.StatusCode = 404;
            return;
        }
        if (UnavailableResponses > 0)
        {
            UnavailableResponses--;
            context.Response.StatusCode = 503;
            return;
        }
        if (CorruptLfsContent)
        {
            content = (byte[])content.Clone();
            content[content.Length / 2] ^= 0xFF;
        }
        long? dropAfter = null;
        if (DropAfterBytes is { } drop && Interlocked.Exchange(ref _dropsLeft, 1) == 0)
            dropAfter = drop;
        await ServeBytesAsync(context, content, dropAfter);
    }

    static async Task ServeBytesAsync(HttpContext context, byte[] content, long? dropAfter)
    {
        var response = context.Response;
        long start = 0;
        var range = context.Request.Headers.Range.ToString();
        if (range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
        {
            start = long.Parse(range["bytes=".Length..^1]);
            if (start >= content.Length)
            {
                response.StatusCode = 416;
                return;
            }
            response.StatusCode = 206;
            response.Headers.ContentRange = $"bytes {start}-{content.Length - 1}/{content.Length}";
        }
        response.Headers.AcceptRanges = "bytes";
        response.ContentLength = content.Length - start;
        if (HttpMethods.IsHead(context.Request.Method))
            return;
        if (dropAfter is { } drop)
        {
            // Returning short of Content-Length makes Kestrel close the connection after sending what was written
            // (an abort would reset it and could discard bytes still in flight, making the resume offset a race).
            await response.Body.WriteAsync(content.AsMemory((int)start, (int)drop));
            await response.Body.FlushAsync();
            return;
        }
        await response.Body.WriteAsync(content.AsMemory((int)start));
    }

    static Dictionary<string, byte[]> LoadMainFiles()
    {
        var folder = SharedData.Path("models", "tiny-llama");
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in new[] { "config.json", "tokenizer.json", "tokenizer_config.json", "model.safetensors" })
            files[name] = File.ReadAllBytes(Path.Combine(folder, name));
        // Files a serving pull must leave alone: docs, other weight formats, subfolders.
        files["README.md"] = Encoding.UTF8.GetBytes("# tiny llama\n");
        files["pytorch_model.bin"] = [1, 2, 3, 4, 5];
        files["onnx/model.onnx"] = [6, 7, 8];
        files["original/model.safetensors"] = [9, 10];
        return files;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One request as the fake Hub saw it.</summary>
internal sealed record RecordedRequest(string Method, string Path, string Range, string Authorization);
