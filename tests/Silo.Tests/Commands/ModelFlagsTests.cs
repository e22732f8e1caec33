using System.CommandLine;
using Platform.Engine.Scheduling;
using Platform.Silo.Commands;
using Platform.Silo.Hosting;

namespace Platform.Silo.Tests.Commands;

/// <summary>The engine flags of `serve` and `silo`, read in this process and carried into each model's engine options.</summary>
public class ModelFlagsTests
{
    [Fact]
    public void MaxPrefillTokensWithDecodesReachesEveryModelsEngine()
    {
        var engines = Engines("--model", "/models/a", "--model", "/models/b", "--max-prefill-tokens-with-decodes", "48");

        Assert.All(engines, e => Assert.Equal(48, e.MaxPrefillTokensWithDecodes));
    }

    [Fact]
    public void WithoutTheFlagTheEngineGetsTheSchedulersDefaultCap()
    {
        var engines = Engines("--model", "/models/a");

        Assert.Equal(SchedulerOptions.DefaultMaxPrefillTokensWithDecodes, engines.Single().MaxPrefillTokensWithDecodes);
    }

    [Fact]
    public void TheDecodeLatencyFactorAndLongPrefillWaitReachEveryModelsEngine()
    {
        var engines = Engines("--model", "/models/a", "--model", "/models/b", "--decode-latency-factor", "1.5", "--long-prefill-wait-ms", "750");

        Assert.All(engines, e => Assert.Equal((1.5, TimeSpan.FromMilliseconds(750)), (e.DecodeLatencyFactor, e.LongPrefillWait)));
    }

    [Fact]
    public void WithoutTheStepBudgetFlagsTheEngineGetsTheSchedulersDefaults()
    {
        var engine = Engines("--model", "/models/a").Single();

        Assert.Equal((SchedulerOptions.DefaultDecodeLatencyFactor, SchedulerOptions.DefaultLongPrefillWait), (engine.DecodeLatencyFactor, engine.LongPrefillWait));
    }

    private static List<Engine.Generation.EngineOptions> Engines(params string[] arguments)
    {
        var command = new Command("serve");
        var flags = new ModelFlags();
        flags.AddTo(command);
        var parsed = command.Parse(arguments);
        Assert.Empty(parsed.Errors);
        var serve = flags.Read(parsed, new ServeOptions());
        return ModelOptionsBuilder.Build(serve, [.. serve.Models.Select(m => (m, m))]).Select(m => m.Engine).ToList();
    }
}
