using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Platform.Silo.Hub;

/// <summary>The Hub's HTTP surface: the model API, HEAD on resolve URLs, and ranged GETs that follow redirects.</summary>
internal sealed class HubHttp : IDisposable
{
    const int MaxRedirects = 10;
    readonly HttpClient _client;
    readonly HubOptions _options;
    readonly Uri _endpoint;

    public HubHttp(HubOptions options, HttpMessageHandler? handler)
    {
        _options = options;
        _endpoint = new Uri(options.Endpoint.TrimEnd('/') + "/");
        // Redirects are followed by hand: a HEAD must stop at the CDN hop, and the token must not travel to another host.
        _client = new HttpClient(handler ?? new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("platform-hub/1.0");
    }

    public async Task<HubRepoInfo> GetRepoInfoAsync(string repoId, string revision, CancellationToken ct)
    {
        var url = new Uri(_endpoint, $"api/models/{repoId}/revision/{Uri.EscapeDataString(revision)}");
        using var response = await SendAsync(HttpMethod.Get, url, range: null, followAllRedirects: true, ct).ConfigureAwait(false);
        EnsureSuccess(response, repoId, revision, file: null);
        var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        try
        {
            var info = await JsonSerializer.DeserializeAsync(stream, HubJsonContext.Default.HubRepoInfo, ct).ConfigureAwait(false);
            if (info?.Sha is null || info.Siblings is null)
                throw new HubException($"The Hub's answer for {repoId}@{revision} lacks 'sha' or 'siblings'; is {_options.Endpoint} a Hugging Face Hub?");
            return info;
        }
        catch (JsonException e)
        {
            throw new HubException($"The Hub's answer for {repoId}@{revision} is not valid JSON: {e.Message}", e);
        }
    }

    public async Task<HubFileMetadata> HeadFileAsync(string repoId, string commit, string file, CancellationToken ct)
    {
        var url = ResolveUrl(repoId, commit, file);
        // Only same-site (relative) redirects are followed, as for renamed repositories; the CDN hop carries the metadata.
        using var response = await SendAsync(HttpMethod.Head, url, range: null, followAllRedirects: false, ct).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (status is < 300 or > 399)
            EnsureSuccess(response, repoId, commit, file);
        var etag = NormalizeEtag(Header(response, "X-Linked-Etag") ?? Header(response, "ETag"))
            ?? throw new HubException($"The Hub sent no ETag for {repoId}/{file}; cannot place it in the cache.");
        var sizeText = Header(response, "X-Linked-Size");
        var size = sizeText is not null && long.TryParse(sizeText, out var linked) ? linked : response.Content.Headers.ContentLength
            ?? throw new HubException($"The Hub sent no size for {repoId}/{file}.");
        var location = response.Headers.Location;
        var downloadUrl = status is >= 300 and <= 399 && location is not null ? new Uri(url, location) : url;
        return new HubFileMetadata(Header(response, "X-Repo-Commit"), etag, size, downloadUrl);
    }

    /// <summary>GETs <paramref name="url"/> from byte <paramref name="offset"/> on, following redirects.</summary>
    public Task<HttpResponseMessage> GetRangeAsync(Uri url, long offset, CancellationToken ct) =>
        SendAsync(HttpMethod.Get, url, offset > 0 ? new RangeHeaderValue(offset, null) : null, followAllRedirects: true, ct);

    public Uri ResolveUrl(string repoId, string revision, string file) =>
        new(_endpoint, $"{repoId}/resolve/{Uri.EscapeDataString(revision)}/{string.Join('/', file.Split('/').Select(Uri.EscapeDataString))}");

    async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri url, RangeHeaderValue? range, bool followAllRedirects, CancellationToken ct)
    {
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(method, url);
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("identity"));
            request.Headers.Range = range;
            if (_options.Token is { } token && url.Host == _endpoint.Host && url.Port == _endpoint.Port)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            HttpResponseMessage response;
            try
            {
                response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw new HubException($"Cannot reach {url.GetLeftPart(UriPartial.Authority)}: {e.Message}. Set HF_HUB_OFFLINE=1 to use only the local cache, or pass a local folder with --model PATH.", e);
            }
            var status = (int)response.StatusCode;
            var location = response.Headers.Location;
            var follow = status is >= 300 and <= 399 && location is not null && (followAllRedirects || !location.IsAbsoluteUri);
            if (!follow)
                return response;
            response.Dispose();
            if (hop == MaxRedirects)
                throw new HubException($"Too many redirects fetching {url}.");
            url = new Uri(url, location!);
        }
    }

    void EnsureSuccess(HttpResponseMessage response, string repoId, string revision, string? file)
    {
        if (response.IsSuccessStatusCode)
            return;
        var what = file is null ? $"{repoId}@{revision}" : $"{repoId}/{file}@{revision}";
        var hint = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => _options.Token is null
                ? " The repository may be gated or private: set HF_TOKEN."
                : " The token in HF_TOKEN has no access to it.",
            HttpStatusCode.NotFound => " Check the repository id and --revision.",
            _ => "",
        };
        throw new HubException($"The Hub answered {(int)response.StatusCode} {response.ReasonPhrase} for {what}.{hint}");
    }

    static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault()
        : response.Content.Headers.TryGetValues(name, out var contentValues) ? contentValues.FirstOrDefault()
        : null;

    // ETags arrive as "abc" or W/"abc"; the cache names blobs by the bare value.
    internal static string? NormalizeEtag(string? etag)
    {
        if (string.IsNullOrWhiteSpace(etag))
            return null;
        var value = etag.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
            value = value[2..];
        value = value.Trim('"');
        return value.Length == 0 || value.Contains('/') || value.Contains('\\') || value.Contains("..", StringComparison.Ordinal) ? null : value;
    }

    public void Dispose() => _client.Dispose();
}
