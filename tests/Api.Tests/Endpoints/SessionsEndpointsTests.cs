using Platform.Api.Tests.Endpoints.Support;
using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Sessions;

namespace Platform.Api.Tests.Endpoints;

public sealed class SessionsEndpointsTests
{
    static SessionTranscript Transcript(string id) => new(id, ApiTestServer.Model,
        [new ChatMessageData("user", "hi"), new ChatMessageData("assistant", "hello")], 12, 1,
        new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), new DateTimeOffset(2026, 1, 2, 3, 4, 6, TimeSpan.Zero));

    [Fact]
    public async Task GetAnswersTheStoredTranscript()
    {
        await using var server = await ApiTestServer.StartAsync();
        server.Backend.Sessions["s1"] = Transcript("s1");

        var (status, body) = await server.SendAsync(HttpMethod.Get, "/v1/sessions/s1");

        Assert.Equal(200, status);
        Assert.Equal(("s1", ApiTestServer.Model, 12, 1), ((string?)body["session_id"], (string?)body["model"], (int)body["token_count"]!, (int)body["turns"]!));
        Assert.Equal(["user", "assistant"], body["messages"]!.AsArray().Select(m => (string?)m!["role"]));
        Assert.Equal("hello", (string?)body["messages"]![1]!["content"]);
    }

    [Fact]
    public async Task MissingSessionIs404Envelope()
    {
        await using var server = await ApiTestServer.StartAsync();

        var (get, body) = await server.SendAsync(HttpMethod.Get, "/v1/sessions/none");
        var (delete, _) = await server.SendAsync(HttpMethod.Delete, "/v1/sessions/none");

        Assert.Equal((404, 404), (get, delete));
        Assert.Equal("session_not_found", (string?)body["error"]!["code"]);
    }

    [Fact]
    public async Task DeleteRemovesTheSession()
    {
        await using var server = await ApiTestServer.StartAsync();
        server.Backend.Sessions["s1"] = Transcript("s1");

        var (status, body) = await server.SendAsync(HttpMethod.Delete, "/v1/sessions/s1");
        var (after, _) = await server.SendAsync(HttpMethod.Get, "/v1/sessions/s1");

        Assert.Equal((200, 404), (status, after));
        Assert.Equal(("s1", true, "session.deleted"), ((string?)body["id"], (bool)body["deleted"]!, (string?)body["object"]));
        Assert.False(server.Backend.Sessions.ContainsKey("s1"));
    }
}
