namespace Platform.Engine.Tests.Models;

/// <summary>Paths into ../shared/models, found by walking up from the test binary to the folder holding Platform.sln.</summary>
internal static class SharedModels
{
    public static string Root { get; } = System.IO.Path.Combine(FindRepositoryRoot(), "..", "shared", "models");

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Platform.sln")))
                return dir.FullName;
        throw new InvalidOperationException("Platform.sln not found above " + AppContext.BaseDirectory);
    }
}
