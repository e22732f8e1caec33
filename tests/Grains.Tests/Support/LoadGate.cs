using System.Runtime.InteropServices;

namespace Platform.Grains.Tests.Support;

/// <summary>
/// A copy of a test model folder whose config.json is a named pipe, so a replica loading it blocks on its first read
/// until <see cref="Open"/> — holding the replica in its loading phase for as long as a test needs. Unix only.
/// </summary>
internal sealed class LoadGate : IDisposable
{
    private readonly string _config;
    private readonly string _realConfig;
    private bool _opened;

    private LoadGate(string folder, string realConfig)
    {
        Folder = folder;
        _config = Path.Combine(folder, "config.json");
        _realConfig = realConfig;
    }

    /// <summary>The gated model folder, to serve instead of the original.</summary>
    public string Folder { get; }

    public static LoadGate Create(string modelFolder)
    {
        var folder = Directory.CreateTempSubdirectory("grains-tests-gate-").FullName;
        foreach (var file in Directory.GetFiles(modelFolder))
            if (Path.GetFileName(file) != "config.json")
                // Copies, not symbolic links: the engine maps a link's own length (Engine/Formats/MappedFile.cs).
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        var gate = new LoadGate(folder, File.ReadAllText(Path.Combine(modelFolder, "config.json")));
        if (mkfifo(gate._config, Convert.ToUInt32("600", 8)) != 0)
            throw new IOException($"mkfifo {gate._config} failed: errno {Marshal.GetLastPInvokeError()}");
        return gate;
    }

    /// <summary>Lets the load go on: the blocked reader gets the real config, and later reads find a plain file.</summary>
    public void Open()
    {
        if (_opened)
            return;
        _opened = true;
        // Read-write so the open itself never blocks (Linux); shared, so the reader's own open is not refused.
        using var pipe = new FileStream(_config, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        var plain = _config + ".plain";
        File.WriteAllText(plain, _realConfig);
        File.Move(plain, _config, overwrite: true);
        using var writer = new StreamWriter(pipe);
        writer.Write(_realConfig);
    }

    public void Dispose()
    {
        Open();
        Directory.Delete(Folder, recursive: true);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int mkfifo(string path, uint mode);
}
