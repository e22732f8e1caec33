namespace Platform.Engine.Hub;

/// <summary>An exclusive lock on a file in the cache's `.locks` folder, shared with other processes (and with Python's filelock on Unix, which also uses flock).</summary>
internal static class CacheFileLock
{
    static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Waits until no other process holds <paramref name="path"/>, then holds it until the returned handle is disposed.</summary>
    public static async Task<IDisposable> AcquireAsync(string path, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive flock on Unix and a sharing lock on Windows.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (File.Exists(path))
            {
                await Task.Delay(RetryInterval, ct).ConfigureAwait(false);
            }
        }
    }
}
