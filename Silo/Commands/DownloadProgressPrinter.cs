using Platform.Engine.Hub;

namespace Platform.Silo.Commands;

/// <summary>Shows Hub download progress on stderr: a redrawn bar on a terminal, a few plain lines when redirected.</summary>
internal sealed class DownloadProgressPrinter : IProgress<HubDownloadProgress>
{
    const int BarWidth = 30;
    static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(200);
    readonly TextWriter _output;
    readonly bool _interactive;
    string? _file;
    int _lastDecile = -1;
    DateTime _lastDraw;

    public DownloadProgressPrinter(TextWriter output, bool interactive)
    {
        _output = output;
        _interactive = interactive;
    }

    /// <summary>A printer for this process's stderr, redrawing only when stderr is a terminal.</summary>
    public static DownloadProgressPrinter ForStandardError() => new(Console.Error, !Console.IsErrorRedirected);

    public void Report(HubDownloadProgress value)
    {
        if (value.File != _file)
        {
            _file = value.File;
            _lastDecile = -1;
            _lastDraw = DateTime.MinValue;
        }
        var fraction = value.TotalBytes == 0 ? 1.0 : (double)value.BytesDone / value.TotalBytes;
        if (_interactive)
            Redraw(value, fraction);
        else
            PrintDecile(value, fraction);
    }

    void Redraw(HubDownloadProgress value, double fraction)
    {
        var now = DateTime.UtcNow;
        if (!value.IsComplete && now - _lastDraw < RedrawInterval)
            return;
        _lastDraw = now;
        var filled = (int)(fraction * BarWidth);
        var bar = new string('#', filled) + new string('-', BarWidth - filled);
        _output.Write($"\r{value.File,-32} [{bar}] {fraction,4:P0} {Megabytes(value.BytesDone)}/{Megabytes(value.TotalBytes)}");
        if (value.IsComplete)
            _output.WriteLine();
    }

    // Logs and CI consoles get one line per 10% so they stay readable.
    void PrintDecile(HubDownloadProgress value, double fraction)
    {
        var decile = (int)(fraction * 10);
        if (decile == _lastDecile)
            return;
        _lastDecile = decile;
        _output.WriteLine($"{value.File}: {fraction:P0} of {Megabytes(value.TotalBytes)}");
    }

    static string Megabytes(long bytes) => $"{bytes / 1048576.0:F1} MB";
}
