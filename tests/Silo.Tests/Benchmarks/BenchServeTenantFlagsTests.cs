using Platform.Silo.Tests.Commands;

namespace Platform.Silo.Tests.Benchmarks;

/// <summary>`platform bench serve`'s tenant flags as a user types them: what cannot run is an `error:` line and exit code 1, before any server starts.</summary>
public class BenchServeTenantFlagsTests
{
    [Theory]
    [InlineData("--silos 2", "--silos 2 form a cluster in PostgreSQL: give --cluster")]
    [InlineData("--tenants 2 --prompt-tokens 64", "--prompt-tokens belongs to the concurrency levels")]
    [InlineData("--tenants 2 --max-prefill-tokens-with-decodes 64", "--max-prefill-tokens-with-decodes configures the concurrency levels' in-process server")]
    [InlineData("--tenants 2 --decode-latency-factor 2", "--decode-latency-factor configures the concurrency levels' in-process server")]
    [InlineData("--routing prefix,fastest", "--routing 'fastest' is not a policy")]
    [InlineData("--tenants 2 --concurrency 1,4", "--concurrency: the tenant workload takes one number")]
    [InlineData("--users 0", "--users must be positive")]
    public void TenantFlagsThatCannotWorkAreReportedAsAnError(string flags, string message)
    {
        string[] arguments = ["bench", "serve", "--shape", "64,2,4,2,128,32000", "--dtype", "f32", "--tokenizer", TestTokenizers.Llama2, .. flags.Split(' ')];

        var (exitCode, _, stderr) = PlatformProcess.Run(arguments);

        Assert.Equal(1, exitCode);
        Assert.Contains($"error: {message}", stderr);
    }
}
