namespace Platform.Runtime.Tests.Storage;

/// <summary>The PostgreSQL fixture refuses to run without a server rather than skipping the database tests.</summary>
public sealed class PostgresFixtureTests
{
    [Fact]
    public void MissingServerBinariesFailWithInstallInstructions()
    {
        var empty = Directory.CreateTempSubdirectory("platform-no-pg-");
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() => PostgresFixture.FindServerBinaries(empty.FullName));
            Assert.Contains("apt-get install postgresql", error.Message);
            Assert.Contains(PostgresFixture.EnvironmentVariable, error.Message);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public void NewestInstalledServerVersionIsChosen()
    {
        var root = Directory.CreateTempSubdirectory("platform-fake-pg-");
        try
        {
            foreach (var version in new[] { "9", "16", "13" })
            {
                var bin = Directory.CreateDirectory(Path.Combine(root.FullName, version, "bin"));
                File.WriteAllText(Path.Combine(bin.FullName, "initdb"), "");
                File.WriteAllText(Path.Combine(bin.FullName, "pg_ctl"), "");
            }
            Assert.Equal(Path.Combine(root.FullName, "16", "bin"), PostgresFixture.FindServerBinaries(root.FullName));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
