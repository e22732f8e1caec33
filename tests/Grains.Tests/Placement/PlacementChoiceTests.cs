using Platform.Grains.Interfaces.Placement;
using Platform.Grains.Placement;

namespace Platform.Grains.Tests.Placement;

public class PlacementChoiceTests
{
    private const long GiB = 1L << 30;
    private static readonly DateTimeOffset Later = DateTimeOffset.UtcNow.AddMinutes(1);

    private static SiloOffer Offer(string silo, long free, string[]? replicas = null, string[]? models = null, long total = 8 * GiB) =>
        new(silo, "cpu", total, free, models ?? ["llama", "qwen"], replicas ?? []);

    private static string? Pick(string replicaKey, long bytes, IEnumerable<SiloOffer> offers, params PlacementReservation[] reservations) =>
        PlacementChoice.Pick(replicaKey, bytes, offers, reservations);

    [Fact]
    public void ASiloWithoutAReplicaOfTheModel_WinsOverAFreerSiloThatHasOne()
    {
        var offers = new[] { Offer("a", 7 * GiB, ["llama/0"]), Offer("b", 5 * GiB, ["qwen/0", "qwen/1"]) };

        Assert.Equal("b", Pick("llama/1", GiB, offers));
    }

    [Fact]
    public void AmongSilosWithoutTheModel_TheMostFreeKvMemoryWins()
    {
        var offers = new[] { Offer("a", 3 * GiB), Offer("b", 6 * GiB), Offer("c", 5 * GiB) };

        Assert.Equal("b", Pick("llama/0", GiB, offers));
    }

    [Fact]
    public void OnceEverySiloHasTheModel_TheOneWithFewestOfItWins_SoReplicasSpreadEvenly()
    {
        var offers = new[] { Offer("a", 6 * GiB, ["llama/0", "llama/3"]), Offer("b", 6 * GiB, ["llama/1"]), Offer("c", 7 * GiB, ["llama/2", "llama/4"]) };

        Assert.Equal("b", Pick("llama/5", GiB, offers));
    }

    [Fact]
    public void EqualFreeMemory_FewestReplicasWin_ThenTheAddress()
    {
        Assert.Equal("b", Pick("llama/0", GiB, [Offer("a", 4 * GiB, ["qwen/0"]), Offer("b", 4 * GiB)]));
        Assert.Equal("a", Pick("llama/0", GiB, [Offer("b", 4 * GiB), Offer("a", 4 * GiB)]));
    }

    [Fact]
    public void ASiloWithoutRoomForTheKvCache_LosesToOneWithRoom_EvenIfItHasNoReplicaOfTheModel()
    {
        var offers = new[] { Offer("a", GiB / 2, ["qwen/0"]), Offer("b", 4 * GiB, ["llama/0"]) };

        Assert.Equal("b", Pick("llama/1", GiB, offers));
    }

    [Fact]
    public void WhenNoSiloHasRoom_TheFreestStillGetsIt()
    {
        Assert.Equal("b", Pick("llama/0", 4 * GiB, [Offer("a", GiB), Offer("b", 2 * GiB)]));
    }

    [Fact]
    public void SilosWhoseOffersDoNotListTheModel_AreNeverChosen()
    {
        Assert.Null(Pick("llama/0", GiB, [Offer("a", 8 * GiB, models: ["qwen"])]));
        Assert.Null(Pick("llama/0", GiB, []));
    }

    [Fact]
    public void AModelNameWithSlashes_IsTheKeyBeforeTheLastSlash()
    {
        Assert.Equal("org/llama", PlacementChoice.ModelOf("org/llama/3"));
        Assert.Equal("a", Pick("org/llama/0", GiB, [Offer("a", GiB, models: ["org/llama"]), Offer("b", 8 * GiB, models: ["llama"])]));
    }

    [Fact]
    public void AReservationNotYetInItsSilosOffer_CountsAsAReplicaAndAgainstFreeMemory()
    {
        var offers = new[] { Offer("a", 8 * GiB), Offer("b", 8 * GiB), Offer("c", 8 * GiB) };
        var onA = new PlacementReservation("a", "llama/0", GiB, Later);
        var onB = new PlacementReservation("b", "llama/1", GiB, Later);

        Assert.Equal("b", Pick("llama/1", GiB, offers, onA));
        Assert.Equal("c", Pick("llama/2", GiB, offers, onA, onB));
        // Another model: no replica of it anywhere, so free memory decides, and the reservations took some.
        Assert.Equal("c", Pick("qwen/0", GiB, offers, onA, onB));
    }

    [Fact]
    public void AReservationItsSilosOfferAlreadyLists_IsNotCountedTwice()
    {
        var offers = new[] { Offer("a", 7 * GiB, ["qwen/0"]), Offer("b", 6 * GiB, ["qwen/1"]) };
        var listed = new PlacementReservation("a", "qwen/0", GiB, Later);

        Assert.Equal("a", Pick("llama/0", GiB, offers, listed));
    }
}
