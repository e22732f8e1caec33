using Platform.Api.Tenants;
using Platform.Grains.Interfaces.Tenants;

namespace Platform.Api.Tests.Tenants;

public class ApiKeyFileTests
{
    static readonly string AliceHash = ApiKeyHash.Hex("sk-alice");
    static readonly string BobHash = ApiKeyHash.Hex("sk-bob");

    static TenantKeyring Parse(string json) => ApiKeyFile.Parse(json, "/etc/platform/keys.json");

    [Fact]
    public void AFileWithTenantsAndKeys_GivesEachKeyItsTenantAndThatTenantsLimits()
    {
        var keyring = Parse($$"""
            {
              "tenants": { "acme": { "requests_per_minute": 60, "max_concurrent_requests": 4, "tokens_per_minute": 40000,
                                     "tokens_per_day": 1000000, "tokens_per_month": 20000000 } },
              "keys": [ { "sha256": "{{AliceHash}}", "tenant": "acme" }, { "sha256": "{{BobHash.ToUpperInvariant()}}", "tenant": "team-b" } ]
            }
            """);

        var alice = keyring.Find("sk-alice")!;
        Assert.Equal("acme", alice.Id);
        Assert.Equal(new TenantLimits(60, 4, 40000, 1_000_000, 20_000_000), alice.Limits);
        var bob = keyring.Find("sk-bob")!;
        Assert.Equal("team-b", bob.Id);
        Assert.Equal(TenantLimits.None, bob.Limits);
        Assert.True(bob.IsTracked);
        Assert.Null(keyring.Find("sk-alice "));
        Assert.Null(keyring.Find(AliceHash));
    }

    [Theory]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("{\"keys\": []}", "'keys' must be an array with at least one key")]
    [InlineData("{\"keys\": [{\"sha256\": \"abc\", \"tenant\": \"a\"}]}", "keys[0].sha256 must be 64 hexadecimal characters")]
    [InlineData("{\"keys\": [{\"key\": \"sk-plain\", \"tenant\": \"a\"}]}", "unknown field 'key'")]
    [InlineData("{\"keys\": [{\"sha256\": \"HASH\", \"tenant\": 7}]}", "keys[0].tenant must be a string")]
    [InlineData("{\"keys\": [{\"sha256\": \"HASH\", \"tenant\": \"a/b\"}]}", "tenant id 'a/b' must be 1 to 64 characters")]
    [InlineData("{\"keys\": [{\"sha256\": \"HASH\", \"tenant\": \"default\"}]}", "reserved for the single --api-key")]
    [InlineData("{\"keys\": [{\"sha256\": \"HASH\", \"tenant\": \"a\"}, {\"sha256\": \"HASH\", \"tenant\": \"b\"}]}", "keys[1].sha256 repeats")]
    [InlineData("{\"tenants\": {\"a\": {\"requests_per_minute\": 0}}, \"keys\": [{\"sha256\": \"HASH\", \"tenant\": \"a\"}]}", "tenants.a.requests_per_minute must be a positive integer, got 0")]
    [InlineData("{\"tenants\": {\"a\": {\"tokens_per_day\": 1.5}}, \"keys\": [{\"sha256\": \"HASH\", \"tenant\": \"a\"}]}", "tenants.a.tokens_per_day must be a positive integer, got 1.5")]
    [InlineData("{\"tenants\": {\"a\": {\"rpm\": 5}}, \"keys\": [{\"sha256\": \"HASH\", \"tenant\": \"a\"}]}", "tenants.a has an unknown field 'rpm'")]
    [InlineData("{\"tenants\": {\"a\": {\"max_concurrent_requests\": 3000000000}}, \"keys\": [{\"sha256\": \"HASH\", \"tenant\": \"a\"}]}", "max_concurrent_requests must be at most")]
    [InlineData("{\"tenants\": {\"ghost\": {}}, \"keys\": [{\"sha256\": \"HASH\", \"tenant\": \"a\"}]}", "tenants.ghost has limits but no key names it")]
    [InlineData("{\"keys\": [{\"sha256\": \"HASH\", \"tenant\": \"a\", \"tenant\": \"b\"}]}", "repeats the field 'tenant'")]
    [InlineData("{\"keys\": [", "is not valid JSON")]
    public void AMalformedFile_IsRefusedWithAMessageNamingTheFileAndTheProblem(string json, string problem)
    {
        var error = Assert.Throws<ApiKeyFileException>(() => Parse(json.Replace("HASH", AliceHash, StringComparison.Ordinal)));

        Assert.Contains("'/etc/platform/keys.json'", error.Message);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void AFileThatCannotBeRead_IsRefusedNamingIt()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-keys-{Guid.NewGuid():N}.json");

        var error = Assert.Throws<ApiKeyFileException>(() => ApiKeyFile.Load(path));

        Assert.Contains($"'{path}' cannot be read", error.Message);
    }
}
