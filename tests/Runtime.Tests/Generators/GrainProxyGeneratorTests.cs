namespace Platform.Runtime.Tests.Generators;

public sealed class GrainProxyGeneratorTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Platform.Runtime;
        using Platform.Runtime.Grains;
        """;

    [Fact]
    public void Proxies_for_every_supported_return_kind_and_inherited_methods_compile_without_errors()
    {
        var result = GeneratorHarness.Run(Usings + """
            namespace Sample;
            public interface IBase : IGrainWithGuidKey { Task Ping(); }
            public interface ISample : IBase
            {
                Task<int> Add(int left, int right);
                ValueTask Touch(string? note);
                [ReadOnly] ValueTask<string> Name();
                [AlwaysInterleave] Task Poke(int @event);
                IAsyncEnumerable<int> Count(int n, CancellationToken cancellationToken = default);
                Task<List<string?>> Items(Dictionary<string, int[]> map);
            }
            public sealed class SampleGrain : Grain, ISample
            {
                public Task Ping() => Task.CompletedTask;
                public Task<int> Add(int left, int right) => Task.FromResult(left + right);
                public ValueTask Touch(string? note) => default;
                public ValueTask<string> Name() => new("x");
                public Task Poke(int @event) => Task.CompletedTask;
                public async IAsyncEnumerable<int> Count(int n, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default) { await Task.Yield(); yield return n; }
                public Task<List<string?>> Items(Dictionary<string, int[]> map) => Task.FromResult(new List<string?>());
            }
            """);

        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationErrors);
        Assert.Equal(["GeneratedGrainRegistration.g.cs", "Sample_IBase.g.cs", "Sample_ISample.g.cs"], result.GeneratedFiles.Order());
    }

    [Theory]
    [InlineData("int Count();", "PGR002")]
    [InlineData("Task Move(ref int x);", "PGR003")]
    [InlineData("Task<T> Echo<T>(T value);", "PGR001")]
    [InlineData("int Size { get; }", "PGR001")]
    [InlineData("static abstract Task Create();", "PGR001")]
    public void An_unsupported_grain_member_is_reported_as_an_error_instead_of_generating_a_broken_proxy(string member, string diagnosticId)
    {
        var result = GeneratorHarness.Run(Usings + $$"""
            namespace Sample;
            public interface IBad : IGrainWithStringKey { {{member}} }
            """);

        Assert.Contains(result.GeneratorDiagnostics, d => d.Id == diagnosticId);
        Assert.DoesNotContain("Sample_IBad.g.cs", result.GeneratedFiles);
    }

    [Fact]
    public void A_generic_grain_interface_is_reported_as_an_error()
    {
        var result = GeneratorHarness.Run(Usings + """
            namespace Sample;
            public interface IBox<T> : IGrainWithIntegerKey { Task<T> Get(); }
            """);

        Assert.Contains(result.GeneratorDiagnostics, d => d.Id == "PGR004");
    }

    [Fact]
    public void Interfaces_that_are_not_grain_interfaces_get_nothing_generated()
    {
        var result = GeneratorHarness.Run(Usings + """
            namespace Sample;
            public interface IPlain : System.IDisposable { Task Run(); }
            """);

        Assert.Empty(result.GeneratedFiles);
    }
}
