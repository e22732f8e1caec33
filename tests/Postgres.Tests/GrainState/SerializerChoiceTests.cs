using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Platform.Postgres.Hosting;

namespace Platform.Postgres.Tests.GrainState;

[Collection(PostgresCollection.Name)]
public sealed class SerializerChoiceTests(PostgresFixture postgres)
{
    [Fact]
    public async Task The_serializer_named_in_the_options_is_used_and_every_byte_it_makes_is_kept_verbatim()
    {
        var bytes = new RawBytesSerializer();
        using var storage = GrainStorages.New(postgres.ConnectionString, serializer: bytes);
        var grain = GrainStorages.NewGrainId();
        byte[] everyByte = [.. Enumerable.Range(0, 256).Select(b => (byte)b), 0, 0, 255];

        await storage.WriteStateAsync("raw", grain, new GrainState<byte[]>(everyByte));
        var read = await GrainStorages.ReadAsync<byte[]>(storage, "raw", grain);

        Assert.Equal(everyByte, read.State);
        Assert.Equal(1, bytes.Deserialized);
    }

    /// <summary>Stores a byte array as itself, so what the database holds is known exactly.</summary>
    private sealed class RawBytesSerializer : IGrainStorageSerializer
    {
        public int Deserialized { get; private set; }

        public BinaryData Serialize<T>(T? input) => new((byte[])(object)input!);

        public T Deserialize<T>(BinaryData input)
        {
            Deserialized++;
            return (T)(object)input.ToArray();
        }
    }
}
