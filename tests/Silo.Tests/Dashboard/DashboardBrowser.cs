using Microsoft.Playwright;

namespace Platform.Silo.Tests.Dashboard;

/// <summary>Headless Debian Chromium driven by Playwright's bundled driver (no Playwright browser download).</summary>
public sealed class DashboardBrowser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;

    private DashboardBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    /// <summary>Launches Chromium; fails the test (never skips it) when the system browser is not installed.</summary>
    public static async Task<DashboardBrowser> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
            Assert.Fail($"Chromium is not installed at {ChromiumPath}; the dashboard tests drive a real browser. " +
                        "Install it with `apt-get install chromium` (.ci/run does this on CI).");
        // The driver (node and the Playwright package) is copied next to the test assembly by the NuGet package's build
        // targets, so nothing is installed at run time; ExecutablePath means no browser download either.
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                // Chromium's sandbox refuses to start as root, which is how containers and CI run the tests.
                Args = ["--no-sandbox"],
                Timeout = 30_000,
            });
            return new DashboardBrowser(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A page the size of a laptop screen, the size the dashboard is laid out for.</summary>
    public Task<IPage> NewPageAsync() =>
        Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } });

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
