using System.Collections;
using Platform.Api.Tests.Endpoints.Support;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Api.Tests.Hosting;

/// <summary>No error message carries a host, a table, SQL or a database's reply, however the failure reaches the API.</summary>
public sealed class InternalDetailsTests
{
    const string Chat = """{"model":"tiny","messages":[{"role":"user","content":"hi"}]}""";

    // What Npgsql says when PostgreSQL goes away mid-write: host:port, the table and the server's message.
    const string DatabaseText = "Npgsql.PostgresException (0x80004005): 57P01: terminating connection due to administrator command "
        + "(Host=10.1.2.3:5432) while executing INSERT INTO platform_grain_state";

    static readonly string[] Internals = ["10.1.2.3", "5432", "platform_grain_state", "INSERT", "57P01", "Npgsql", "administrator"];

    [Fact]
    public async Task DatabaseFailureBeforeTheFirstToken_Is503StateUnavailable_NotRetried_WithoutItsDetails()
    {
        await using var server = await ApiTestServer.StartAsync();
        server.Backend.Replicas = 3;
        server.Backend.Refuse = _ => new InvalidOperationException(DatabaseText);

        var (status, body) = await server.PostAsync("/v1/chat/completions", Chat);

        // The state store's failure is the cluster's, not the replica's: not retried elsewhere, answered in words of our own.
        Assert.True(status == 503, body);
        Assert.Contains("state_unavailable", body);
        Assert.Single(server.Backend.Jobs);
        AssertNoInternals(body);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FailureAfterTheFirstToken_NamesOnlyTheExceptionType(bool stream)
    {
        await using var server = await ApiTestServer.StartAsync();
        server.Backend.Script = job => new FailsAfterFirst(ScriptedBackend.HelloWorld(job)[0], new InvalidOperationException(DatabaseText));

        var (status, body) = await server.PostAsync("/v1/chat/completions", Chat.Replace("}]}", $"}}],\"stream\":{(stream ? "true" : "false")}}}"));

        Assert.Equal(stream ? 200 : 500, status);
        Assert.Contains("InvalidOperationException", body);
        AssertNoInternals(body);
    }

    static void AssertNoInternals(string body)
    {
        foreach (var secret in Internals)
            Assert.False(body.Contains(secret, StringComparison.OrdinalIgnoreCase), $"'{secret}' in {body}");
    }

    /// <summary>A script that yields one chunk and then fails, as a replica whose engine or state store broke mid-stream.</summary>
    sealed class FailsAfterFirst(TokenChunk first, Exception failure) : IReadOnlyList<TokenChunk>
    {
        public int Count => 2;

        public TokenChunk this[int index] => index == 0 ? first : throw failure;

        public IEnumerator<TokenChunk> GetEnumerator()
        {
            yield return first;
            throw failure;
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
