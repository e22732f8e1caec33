using Platform.Silo.Tests.Commands;

namespace Platform.Silo.Tests.Benchmarks;

/// <summary>`platform bench serve`'s step-budget flags: a value the scheduler cannot take exits 2 naming the flag, before any server starts.</summary>
public class BenchServeStepBudgetFlagsTests
{
    [Theory]
    [InlineData("--decode-latency-factor", "0.9")]
    [InlineData("--long-prefill-wait-ms", "-5")]
    public void AnImpossibleStepBudgetIsRefusedNamingTheFlag(string flag, string value)
    {
        string[] arguments = ["bench", "serve", "--shape", "64,2,4,2,128,32000", "--dtype", "f32", "--tokenizer", TestTokenizers.Llama2, flag, value];

        var (exitCode, _, stderr) = PlatformProcess.Run(arguments);

        Assert.Equal(2, exitCode);
        Assert.Contains($"error: {flag} must", stderr);
    }
}
