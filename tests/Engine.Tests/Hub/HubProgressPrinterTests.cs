using Platform.Engine.Hub;

namespace Platform.Engine.Tests.Hub;

public sealed class HubProgressPrinterTests
{
    static string Print(bool interactive, params HubDownloadProgress[] reports)
    {
        var output = new StringWriter();
        var printer = new HubProgressPrinter(output, interactive);
        foreach (var report in reports)
            printer.Report(report);
        return output.ToString();
    }

    static HubDownloadProgress[] Steps(string file, long total, int count) =>
        Enumerable.Range(0, count + 1).Select(i => new HubDownloadProgress(file, total * i / count, total)).ToArray();

    [Fact]
    public void RedirectedOutputGetsOneLinePerTenPercent()
    {
        var lines = Print(false, Steps("model.safetensors", 2 * 1048576, 100)).Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(11, lines.Length);
        Assert.Equal("model.safetensors:   0% of 2.0 MB", lines[0]);
        Assert.Equal("model.safetensors: 100% of 2.0 MB", lines[^1]);
        Assert.DoesNotContain(lines, l => l.Contains('\r'));
    }

    [Fact]
    public void TerminalOutputRedrawsOneLineAndEndsItWhenTheFileCompletes()
    {
        var text = Print(true, [.. Steps("config.json", 2048, 4), .. Steps("model.safetensors", 1048576, 2)]);

        Assert.StartsWith("\rconfig.json", text);
        Assert.Contains("100% 2.0 KB/2.0 KB" + Environment.NewLine, text);
        Assert.Equal(2, text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("[##############################] 100% 1.0 MB/1.0 MB" + Environment.NewLine, text);
    }
}
