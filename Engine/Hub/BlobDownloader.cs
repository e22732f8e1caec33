using System.Buffers;
using System.Net;
using System.Security.Cryptography;

namespace Platform.Engine.Hub;

/// <summary>Fetches one blob into the cache: appends to `{etag}.incomplete` with HTTP Range resumes, verifies, then renames.</summary>
internal sealed class BlobDownloader
{
    const int BufferSize = 1 << 20;
    readonly HubHttp _http;
    readonly int _maxAttempts;

    public BlobDownloader(HubHttp http, int maxAttempts)
    {
        _http = http;
        _maxAttempts = Math.Max(1, maxAttempts);
    }

    public async Task DownloadAsync(string file, HubFileMetadata metadata, HubCacheLayout layout,
        IProgress<HubDownloadProgress>? progress, CancellationToken ct)
    {
        var incomplete = layout.IncompletePath(metadata.Etag);
        Directory.CreateDirectory(Path.GetDirectoryName(incomplete)!);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await TransferAsync(file, metadata, incomplete, progress, ct).ConfigureAwait(false);
                break;
            }
            catch (Exception e) when (attempt < _maxAttempts && IsTransient(e) && !ct.IsCancellationRequested)
            {
                // The bytes already written stay in the .incomplete file; the next attempt asks only for the rest.
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt), ct).ConfigureAwait(false);
            }
            catch (Exception e) when (IsTransient(e) && !ct.IsCancellationRequested)
            {
                throw new HubException($"Downloading {file} failed after {attempt} attempts: {e.Message}. Run the command again to resume.", e);
            }
        }
        await VerifyAsync(file, metadata, incomplete, ct).ConfigureAwait(false);
        File.Move(incomplete, layout.BlobPath(metadata.Etag), overwrite: true);
    }

    async Task TransferAsync(string file, HubFileMetadata metadata, string incomplete, IProgress<HubDownloadProgress>? progress, CancellationToken ct)
    {
        await using var output = new FileStream(incomplete, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, BufferSize, useAsync: true);
        var offset = output.Length;
        if (offset > metadata.Size)
        {
            // Not a prefix of this blob: start over rather than keep bytes that can never verify.
            output.SetLength(0);
            offset = 0;
        }
        if (offset == metadata.Size)
            return;
        using var response = await _http.GetRangeAsync(metadata.DownloadUrl, offset, ct).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.OK && offset > 0)
        {
            // The server ignored the Range header and sends the whole file again.
            output.SetLength(0);
            offset = 0;
        }
        else if (response.StatusCode != HttpStatusCode.PartialContent && response.StatusCode != HttpStatusCode.OK)
        {
            var status = (int)response.StatusCode;
            var message = $"the server answered {status} {response.ReasonPhrase}";
            // Overload and server faults pass; anything else (403 on an expired link, 404) will not get better by retrying.
            if (status is 429 or >= 500)
                throw new HttpRequestException(message, null, response.StatusCode);
            throw new HubException($"Downloading {file} failed: {message}.");
        }
        output.Seek(offset, SeekOrigin.Begin);
        progress?.Report(new HubDownloadProgress(file, offset, metadata.Size));
        await using var input = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read;
            while ((read = await input.ReadAsync(buffer.AsMemory(0, BufferSize), ct).ConfigureAwait(false)) > 0)
            {
                if (offset + read > metadata.Size)
                    throw new HubException($"Downloading {file} failed: the server sent more than the {metadata.Size} bytes it announced.");
                await output.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
                offset += read;
                progress?.Report(new HubDownloadProgress(file, offset, metadata.Size));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        await output.FlushAsync(ct).ConfigureAwait(false);
        if (offset < metadata.Size)
            throw new EndOfStreamException($"the connection closed after {offset} of {metadata.Size} bytes");
    }

    static async Task VerifyAsync(string file, HubFileMetadata metadata, string incomplete, CancellationToken ct)
    {
        var length = new FileInfo(incomplete).Length;
        if (length != metadata.Size)
            Reject(incomplete, $"Downloaded {file} has {length} bytes but the Hub announced {metadata.Size}.");
        if (!metadata.EtagIsSha256)
            return;
        await using var stream = new FileStream(incomplete, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true);
        var hash = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct).ConfigureAwait(false));
        if (!string.Equals(hash, metadata.Etag, StringComparison.OrdinalIgnoreCase))
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            Reject(incomplete, $"Downloaded {file} is corrupt: its SHA-256 is {hash} but the Hub announced {metadata.Etag}. The partial file was removed; run the command again.");
        }
    }

    static void Reject(string incomplete, string message)
    {
        File.Delete(incomplete);
        throw new HubException(message);
    }

    static bool IsTransient(Exception e) => e is IOException or HttpRequestException or TimeoutException;
}
