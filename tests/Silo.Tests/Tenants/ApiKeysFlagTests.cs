using Platform.Silo.Tests.Commands;

namespace Platform.Silo.Tests.Tenants;

/// <summary>`--api-keys` is read before anything starts: a bad file stops `serve` and `api` with exit code 2 and a message naming it.</summary>
public class ApiKeysFlagTests
{
    [Theory]
    [InlineData("serve", """{"keys": [{"sha256": "not-a-hash", "tenant": "acme"}]}""", "keys[0].sha256 must be 64 hexadecimal characters")]
    [InlineData("serve", """{"keys": [{"key": "sk-plaintext", "tenant": "acme"}]}""", "unknown field 'key'")]
    [InlineData("api", """{"keys": """, "is not valid JSON")]
    public void AMalformedKeyFile_StopsTheProcessWithExitCode2_NamingTheFileAndTheProblem(string command, string json, string problem)
    {
        var path = Path.Combine(Path.GetTempPath(), $"keys-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        try
        {
            string[] cluster = command == "api" ? ["--cluster", "postgres://u:p@127.0.0.1:1/db"] : [];
            var (exit, _, stderr) = PlatformProcess.Run([command, "--port", "0", .. cluster, "--api-keys", path]);

            Assert.Equal(2, exit);
            Assert.Contains($"'{path}'", stderr);
            Assert.Contains(problem, stderr);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AMissingKeyFile_StopsServeWithExitCode2()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-keys-{Guid.NewGuid():N}.json");

        var (exit, _, stderr) = PlatformProcess.Run("serve", "--port", "0", "--api-keys", path);

        Assert.Equal(2, exit);
        Assert.Contains($"'{path}' cannot be read", stderr);
    }
}
