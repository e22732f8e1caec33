namespace Platform.Silo.Hub;

/// <summary>How far the download of one file of a snapshot has got.</summary>
/// <param name="File">The file's path inside the repository.</param>
/// <param name="BytesDone">Bytes on disk so far, including bytes resumed from an earlier attempt.</param>
/// <param name="TotalBytes">The file's size as the Hub reports it.</param>
public readonly record struct HubDownloadProgress(string File, long BytesDone, long TotalBytes)
{
    /// <summary>True once every byte of the file is on disk.</summary>
    public bool IsComplete => BytesDone >= TotalBytes;
}
