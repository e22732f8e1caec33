using System.Diagnostics;
using System.Text;

namespace Platform.Silo.Tests.Commands;

/// <summary>Runs the built `platform` CLI (platform.dll beside the test binaries) as a child process, as a user would.</summary>
internal static class PlatformProcess
{
    /// <summary>Starts `dotnet platform.dll {arguments}` with stdout and stderr redirected (UTF-8) for the caller to read.</summary>
    public static Process Start(params string[] arguments) => Start(new Dictionary<string, string?>(), arguments);

    /// <summary>As <see cref="Start(string[])"/>, with <paramref name="environment"/> set (a null value removes the variable).</summary>
    public static Process Start(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        // The host that runs the tests, so the child uses the same runtime; plain `dotnet` outside `dotnet test`.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var (name, value) in environment)
        {
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "platform.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        return Process.Start(start)!;
    }

    /// <summary>Runs the command to its end: its exit code and everything it wrote.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] arguments) => Run(new Dictionary<string, string?>(), arguments);

    /// <summary>As <see cref="Run(string[])"/>, with <paramref name="environment"/> set (a null value removes the variable).</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        using var process = Start(environment, arguments);
        // stderr is drained concurrently so a chatty child cannot block on a full pipe.
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.Result);
    }
}
