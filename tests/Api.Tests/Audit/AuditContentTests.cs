namespace Platform.Api.Tests.Audit;

/// <summary>Records never carry prompt or completion text unless content auditing is on; then they carry both.</summary>
public class AuditContentTests
{
    private const string ChatPath = "/v1/chat/completions";
    private const string Chat = """{"model":"tiny","messages":[{"role":"user","content":"a secret prompt"}]}""";
    private const string StreamedChat = """{"model":"tiny","stream":true,"messages":[{"role":"user","content":"a secret prompt"}]}""";
    private const string Completion = """{"model":"tiny","prompt":["secret one","secret two"]}""";

    [Fact]
    public async Task WithoutTheFlag_NoRecordCarriesThePromptOrTheOutput()
    {
        using var audit = new AuditFile();
        await using (var server = await audit.StartServerAsync())
        {
            await server.PostAsync(ChatPath, Chat);
            await server.PostAsync(ChatPath, StreamedChat);
            await server.PostAsync("/v1/completions", Completion);
        }

        var text = File.ReadAllText(audit.Path);
        Assert.Equal(3, audit.Records().Count);
        Assert.DoesNotContain("secret", text);
        Assert.DoesNotContain("Hello", text);
        Assert.All(audit.Records(), r => Assert.False(r.ContainsKey("request") || r.ContainsKey("output")));
    }

    [Fact]
    public async Task WithTheFlag_ChatRecordsCarryTheMessagesAndEachChoicesOutput_StreamedOrNot()
    {
        using var audit = new AuditFile();
        await using (var server = await audit.StartServerAsync(a => a with { Content = true }))
        {
            await server.PostAsync(ChatPath, Chat);
            await server.PostAsync(ChatPath, StreamedChat);
        }

        Assert.All(audit.Records(), record =>
        {
            var message = record["request"]!["messages"]![0]!;
            Assert.Equal(("user", "a secret prompt"), ((string?)message["role"], (string?)message["content"]));
            Assert.Equal(["Hello world!"], record["output"]!.AsArray().Select(o => (string)o!).ToArray());
        });
        Assert.Equal(2, audit.Records().Count);
    }

    [Fact]
    public async Task WithTheFlag_ACompletionRecordCarriesThePromptsAndOneOutputPerChoice()
    {
        using var audit = new AuditFile();
        await using (var server = await audit.StartServerAsync(a => a with { Content = true }))
            await server.PostAsync("/v1/completions", Completion);

        var record = Assert.Single(audit.Records());
        Assert.Equal(["secret one", "secret two"], record["request"]!["prompt"]!.AsArray().Select(p => (string)p!).ToArray());
        Assert.Equal(["Hello world!", "Hello world!"], record["output"]!.AsArray().Select(o => (string)o!).ToArray());
    }

    [Fact]
    public async Task WithTheFlag_ACallWithoutText_HasNoContentFields()
    {
        using var audit = new AuditFile();
        await using (var server = await audit.StartServerAsync(a => a with { Content = true }))
            await server.SendAsync(HttpMethod.Get, "/v1/models");

        Assert.False(Assert.Single(audit.Records()).ContainsKey("request"));
    }

    [Fact]
    public async Task WithTheFlag_NulAndAnyUnicodeAreWrittenAsSent_AndALoneSurrogateIsRefusedAndStillRecorded()
    {
        using var audit = new AuditFile();
        await using (var server = await audit.StartServerAsync(a => a with { Content = true }))
        {
            Assert.Equal(200, (await server.PostAsync(ChatPath, """{"model":"tiny","messages":[{"role":"user","content":"nul \u0000 🦙 שלום"}]}""")).Status);
            Assert.Equal(400, (await server.PostAsync(ChatPath, """{"model":"tiny","messages":[{"role":"user","content":"lone \ud800"}]}""")).Status);
            Assert.Equal(200, (await server.PostAsync(ChatPath, Chat)).Status);
        }

        var records = audit.Records();
        Assert.Equal([200, 400, 200], records.Select(r => (int)r["status"]!).ToArray());
        Assert.Equal("nul \u0000 🦙 שלום", (string?)records[0]["request"]!["messages"]![0]!["content"]);
        Assert.False(records[1].ContainsKey("request"));
    }
}
