using Platform.Grains.Deployments;

namespace Platform.Grains.Tests.Deployments;

public class PrefixIndexTests
{
    [Fact]
    public void Match_CountsEachReplicasUnbrokenRunOfLeadingBlocks()
    {
        var index = new PrefixIndex(capacity: 100);
        foreach (var key in new ulong[] { 1, 2, 3 })
            index.Add(0, key);
        // Replica 1 holds blocks 1 and 3 but not 2: the engine could reuse only block 1.
        index.Add(1, 1);
        index.Add(1, 3);
        Span<int> matched = stackalloc int[PrefixIndex.MaxReplicas];

        index.Match([1, 2, 3, 4], matched);

        Assert.Equal(3, matched[0]);
        Assert.Equal(1, matched[1]);
        Assert.Equal(0, matched[2]);
    }

    [Fact]
    public void RemoveAndForget_DropOnlyThatReplicasClaims()
    {
        var index = new PrefixIndex(capacity: 100);
        index.Add(0, 7);
        index.Add(1, 7);
        index.Add(1, 8);
        Span<int> matched = stackalloc int[PrefixIndex.MaxReplicas];

        index.Remove(0, 7);
        index.Match([7, 8], matched);
        Assert.Equal((0, 2), (matched[0], matched[1]));

        index.Forget(1);
        index.Match([7, 8], matched);
        Assert.Equal((0, 0), (matched[0], matched[1]));
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void TheIndex_StaysWithinItsCapacity_ForgettingTheOldestKeysFirst()
    {
        var index = new PrefixIndex(capacity: 1_000);
        for (ulong key = 0; key < 50_000; key++)
        {
            index.Add((int)(key % 3), key);
            if (key % 7 == 0)
                index.Remove((int)(key % 3), key - 1);
        }
        Span<int> matched = stackalloc int[PrefixIndex.MaxReplicas];

        Assert.True(index.Count <= 1_000, $"{index.Count} keys held");
        index.Match([49_999], matched);
        Assert.Equal(1, matched[(int)(49_999 % 3)]);
        index.Match([0], matched);
        Assert.Equal(0, matched[0]);
    }
}
