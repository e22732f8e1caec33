using Orleans.Runtime;

namespace Platform.Postgres.Tests.GrainState;

[Collection(PostgresCollection.Name)]
public sealed class UnicodeRoundTripTests(PostgresFixture postgres)
{
    private const string StateName = "texts";

    public static TheoryData<string> Texts() => new()
    {
        "nul \u0000 inside",
        "\u0000",
        "\u0000\u0000\u0001\u001f",
        "emoji 😀 👩‍👩‍👧‍👦 🏳️‍🌈 🇯🇵",
        "right to left: שלום עולם، مرحبا بالعالم \u200f\u202e",
        "top of the planes: \uffff \ufffe \ufffd \U0010ffff \U000e0001 \ue000",
        "lone high surrogate \ud800 and lone low \udfff",
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public async Task A_state_holding_the_text_reads_back_exactly(string text)
    {
        using var storage = GrainStorages.New(postgres.ConnectionString);
        var grain = GrainStorages.NewGrainId();
        var texts = new Texts { Values = [text, text + text], ByName = { [text] = text } };

        await storage.WriteStateAsync(StateName, grain, new GrainState<Texts>(texts));

        var read = await GrainStorages.ReadAsync<Texts>(storage, StateName, grain);
        Assert.Equal(texts.Values, read.State.Values);
        Assert.Equal(texts.ByName, read.State.ByName);
    }

    [Fact]
    public async Task Grain_keys_differing_only_in_nul_emoji_or_rtl_characters_keep_their_own_states()
    {
        using var storage = GrainStorages.New(postgres.ConnectionString);
        var keys = new[] { "a", "a\u0000", "a\u0000b", "a😀", "aשלום", "\u0000" };

        foreach (var (key, i) in keys.Select((k, i) => (k, i)))
            await storage.WriteStateAsync(StateName, GrainId.Create("test-grain", key), new GrainState<Counter>(new Counter { Value = i }));

        foreach (var (key, i) in keys.Select((k, i) => (k, i)))
            Assert.Equal(i, (await GrainStorages.ReadAsync<Counter>(storage, StateName, GrainId.Create("test-grain", key))).State.Value);
    }
}
