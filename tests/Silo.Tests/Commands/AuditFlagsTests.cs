using System.CommandLine;
using Platform.Silo.Commands;
using Platform.Silo.Hosting;

namespace Platform.Silo.Tests.Commands;

/// <summary>The audit flags of `serve` and `api`: where records go by default, and the combinations refused.</summary>
public class AuditFlagsTests
{
    private const string Database = "postgres://u:p@127.0.0.1:1/db";

    [Fact]
    public void Embedded_WithoutTheFlag_TheAuditLogIsOff()
    {
        Assert.False(Read().Audit.IsOn);
    }

    [Fact]
    public void Clustered_WithoutTheFlag_AuditsToTheClusterDatabase()
    {
        var audit = Read("--cluster", Database).Audit;

        Assert.True(audit.Postgres);
        Assert.Null(audit.FilePath);
    }

    [Fact]
    public void AFilePath_AuditsToThatJsonlFile_WithContentPricesAndQueueAsGiven()
    {
        var prices = Path.GetTempFileName();
        try
        {
            File.WriteAllText(prices, """{"m": {"prompt": 1, "completion": 2}}""");

            var audit = Read("--cluster", Database, "--audit-log", "/var/log/platform/audit.jsonl", "--audit-content", "--prices", prices, "--audit-queue", "50").Audit;

            Assert.Equal(("/var/log/platform/audit.jsonl", false, true, 50), (audit.FilePath, audit.Postgres, audit.Content, audit.QueueCapacity));
            Assert.Equal(3m / 1_000_000m, audit.Prices.CostOf("m", 1, 0, 1));
        }
        finally
        {
            File.Delete(prices);
        }
    }

    [Fact]
    public void Off_TurnsTheClusterDefaultOff()
    {
        Assert.False(Read("--cluster", Database, "--audit-log", "off").Audit.IsOn);
    }

    [Theory]
    [InlineData("postgres needs a cluster", "--audit-log", "postgres")]
    [InlineData("content with the log off", "--audit-content")]
    [InlineData("prices with the log off", "--prices", "/nonexistent.json")]
    [InlineData("an empty queue", "--audit-log", "x.jsonl", "--audit-queue", "0")]
    [InlineData("a prices file that is missing", "--audit-log", "x.jsonl", "--prices", "/nonexistent/prices.json")]
    public void FlagsThatCannotWork_AreAUsageErrorNamingTheFlag(string why, params string[] arguments)
    {
        var error = Assert.Throws<ArgumentException>(() => Read(arguments));

        Assert.True(error.Message.Contains("--audit") || error.Message.Contains("--prices"), $"{why}: {error.Message}");
    }

    [Fact]
    public void TheAuditLog_IsNotBuiltForASilo_WhichServesNoApi()
    {
        var options = new ServeOptions { Role = HostRole.Silo, Audit = new AuditSettings { FilePath = "x.jsonl" } };

        Assert.Null(AuditSetup.Create(options));
    }

    [Fact]
    public void AnAuditFileThatCannotBeCreated_FailsTheStartNamingTheFlag()
    {
        var options = new ServeOptions { Audit = new AuditSettings { FilePath = "/nonexistent-dir/audit.jsonl" } };

        var error = Assert.Throws<IOException>(() => AuditSetup.Create(options));

        Assert.Contains("--audit-log", error.Message);
    }

    /// <summary>`platform serve`'s cluster and audit flags, read in this process.</summary>
    private static ServeOptions Read(params string[] arguments)
    {
        var command = new Command("serve");
        var cluster = new ClusterFlags(clusterRequired: false, defaultPort: 8000);
        var audit = new AuditFlags();
        cluster.AddTo(command);
        audit.AddTo(command);
        var parsed = command.Parse(arguments);
        Assert.Empty(parsed.Errors);
        return audit.Read(parsed, cluster.Read(parsed, new ServeOptions()));
    }
}
