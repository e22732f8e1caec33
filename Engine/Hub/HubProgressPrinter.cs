using System.Globalization;

namespace Platform.Engine.Hub;

/// <summary>Shows Hub download progress on stderr: a redrawn bar on a terminal, a few plain lines when redirected.</summary>
public sealed class HubProgressPrinter : IProgress<HubDownloadProgress>
{
    const int BarWidth = 30;
    static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(200);
    readonly TextWriter _output;
    readonly bool _interactive;
    string? _file;
    int _lastDecile = -1;
    DateTime _lastDraw;

    /// <summary>A printer writing to <paramref name="output"/>; <paramref name="interactive"/> redraws one line per file instead of printing lines.</summary>
    public HubProgressPrinter(TextWriter output, bool interactive)
    {
        _output = output;
        _interactive = interactive;
    }

    /// <summary>A printer for this process's stderr, redrawing only when stderr is a terminal.</summary>
    public static HubProgressPrinter ForStandardError() => new(Console.Error, !Console.IsErrorRedirected);

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
        _output.Write($"\r{value.File,-32} [{bar}] {Percent(fraction)} {Size(value.BytesDone)}/{Size(value.TotalBytes)}");
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
        _output.WriteLine($"{value.File}: {Percent(fraction)} of {Size(value.TotalBytes)}");
    }

    static string Size(long bytes) => bytes < 1048576
        ? (bytes / 1024.0).ToString("F1", CultureInfo.InvariantCulture) + " KB"
        : (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) + " MB";

    static string Percent(double fraction) => ((int)(fraction * 100)).ToString(CultureInfo.InvariantCulture).PadLeft(3) + "%";
}
