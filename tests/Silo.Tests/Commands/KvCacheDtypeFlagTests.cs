using System.CommandLine;
using Platform.Kernels.Attention;
using Platform.Silo.Commands;
using Platform.Silo.Hosting;

namespace Platform.Silo.Tests.Commands;

/// <summary>`--kv-cache-dtype`: its values, its default (half precision) and how a bad value is refused.</summary>
public class KvCacheDtypeFlagTests
{
    [Theory]
    [InlineData(null, KvCacheDtype.F16)]
    [InlineData("auto", KvCacheDtype.F16)]
    [InlineData("f32", KvCacheDtype.F32)]
    [InlineData("F16", KvCacheDtype.F16)]
    [InlineData("bf16", KvCacheDtype.BF16)]
    [InlineData("fp8", KvCacheDtype.Fp8E4M3)]
    [InlineData("fp8_e4m3", KvCacheDtype.Fp8E4M3)]
    [InlineData("FP8_E5M2", KvCacheDtype.Fp8E5M2)]
    public void ServeReadsTheFlagIntoEveryModelsEngineOptions(string? value, KvCacheDtype expected)
    {
        var serve = Read(value is null ? [] : ["--kv-cache-dtype", value]);

        var models = ModelOptionsBuilder.Build(serve with { KvCacheMemory = "64MiB" }, [("m", "/models/m")]);

        Assert.Equal(expected, serve.KvCacheDtype);
        Assert.Equal(expected, models[0].Engine.KvCacheDtype);
    }

    [Fact]
    public void ABadValueIsAUsageErrorNamingTheFlag()
    {
        var error = Assert.Throws<ArgumentException>(() => Read("--kv-cache-dtype", "f8"));

        Assert.Contains("--kv-cache-dtype 'f8'", error.Message);
    }

    [Theory]
    [InlineData("serve", "--kv-cache-dtype", "fp6")]
    [InlineData("generate", "--model", "/no/such/model", "--prompt", "hi", "--kv-cache-dtype", "fp6")]
    [InlineData("bench", "engine", "--shape", "64,1,2,2,64,100", "--kv-cache-dtype", "fp6")]
    [InlineData("bench", "serve", "--url", "http://127.0.0.1:1", "--model", "m", "--kv-cache-dtype", "fp6")]
    public void EveryCommandExitsWith2NamingTheFlag(params string[] arguments)
    {
        var (exitCode, _, stderr) = PlatformProcess.Run(arguments);

        Assert.Equal(2, exitCode);
        Assert.Contains("--kv-cache-dtype 'fp6'", stderr);
    }

    private static ServeOptions Read(params string[] arguments)
    {
        var command = new Command("serve");
        var models = new ModelFlags();
        models.AddTo(command);
        var parsed = command.Parse(arguments);
        Assert.Empty(parsed.Errors);
        return models.Read(parsed, new ServeOptions());
    }
}
