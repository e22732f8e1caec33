using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Platform.Runtime.Storage;
using Platform.Runtime.Storage.Postgres;
using Platform.Runtime.Tests.Support;

namespace Platform.Runtime.Tests.Storage;

/// <summary>The grain storage contract, plus durability and schema behaviour, against a real PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresGrainStorageTests(PostgresFixture postgres) : GrainStorageContractTests
{
    protected override void AddStorage(IGrainRuntimeBuilder builder, string name) =>
        builder.AddPostgresGrainStorage(name, postgres.ConnectionString);

    private PostgresGrainStorage NewStorage(string? table = null) =>
        new("pg", new PostgresGrainStorageOptions { ConnectionString = postgres.ConnectionString, TableName = table ?? "grain_state" });

    [Fact]
    public async Task DataSurvivesANewProviderInstance()
    {
        var grain = NewGrain();
        string etag;
        await using (var first = NewStorage())
            etag = await first.WriteAsync(grain, "s", """{"Count":3}""", null);

        await using var second = NewStorage();
        var record = await second.ReadAsync(grain, "s");
        Assert.NotNull(record);
        Assert.Equal(etag, record.Value.Etag);
        Assert.Equal(3, System.Text.Json.JsonDocument.Parse(record.Value.Json).RootElement.GetProperty("Count").GetInt32());
    }

    [Fact]
    public async Task SchemaCreationIsSafeWhenSeveralProvidersStartAtOnce()
    {
        var table = PostgresFixture.UniqueTableName("grain_state_race");
        var storages = Enumerable.Range(0, 6).Select(_ => NewStorage(table)).ToList();
        try
        {
            await Task.WhenAll(storages.Select(s => s.EnsureSchemaAsync()));
            var etag = await storages[0].WriteAsync(NewGrain(), "s", "{}", null);
            Assert.NotNull(etag);
            await storages[1].EnsureSchemaAsync();
        }
        finally
        {
            foreach (var s in storages)
                await s.DisposeAsync();
            await postgres.DropTableAsync(table);
        }
    }

    [Fact]
    public async Task HostStartCreatesTheTable()
    {
        var table = PostgresFixture.UniqueTableName("grain_state_start");
        var builder = new TestGrainRuntimeBuilder();
        builder.AddPostgresGrainStorage("pg", o => { o.ConnectionString = postgres.ConnectionString; o.TableName = table; });
        await using var services = builder.Build();
        try
        {
            foreach (var hosted in services.GetServices<IHostedService>())
                await hosted.StartAsync(CancellationToken.None);

            await using var dataSource = NpgsqlDataSource.Create(postgres.ConnectionString);
            await using var command = dataSource.CreateCommand("SELECT to_regclass($1) IS NOT NULL");
            command.Parameters.Add(new NpgsqlParameter { Value = table });
            Assert.True((bool)(await command.ExecuteScalarAsync())!);
        }
        finally
        {
            await postgres.DropTableAsync(table);
        }
    }

    [Fact]
    public async Task UnreachableServerSurfacesAsGrainStorageException()
    {
        await using var storage = new PostgresGrainStorage("down", new PostgresGrainStorageOptions
        {
            ConnectionString = "Host=127.0.0.1;Port=1;Username=postgres;Timeout=5",
        });
        var error = await Assert.ThrowsAsync<GrainStorageException>(() => storage.WriteAsync(NewGrain(), "s", "{}", null));
        Assert.Contains("'down'", error.Message);
    }

    [Fact]
    public async Task PayloadThatNoLongerFitsTheStateTypeIsAnErrorNotAnEmptyState()
    {
        var grain = NewGrain();
        await using (var storage = NewStorage())
            await storage.WriteAsync(grain, "counter", """{"Count":"not a number"}""", null);

        var state = NewState(grain);
        await Assert.ThrowsAsync<GrainStorageException>(() => state.ReadStateAsync());
    }

    [Fact]
    public async Task StateThatJsonbCannotHoldIsRejectedClearlyAndTheOldRecordKept()
    {
        var state = NewState(NewGrain());
        state.State.Count = 1;
        await state.WriteStateAsync();
        var etag = state.Etag;

        state.State.Names.Add("nul \0 inside");
        var error = await Assert.ThrowsAsync<GrainStorageException>(() => state.WriteStateAsync());
        Assert.Contains("write state 'counter'", error.Message);
        Assert.Equal(etag, state.Etag);

        await state.ReadStateAsync();
        Assert.Equal((1, etag), (state.State.Count, state.Etag));
        Assert.Empty(state.State.Names);
    }

    [Fact]
    public void TableNameThatIsNotAPlainIdentifierIsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => NewStorage("grain_state; DROP TABLE x"));
        Assert.Contains("table name", error.Message);
    }
}
