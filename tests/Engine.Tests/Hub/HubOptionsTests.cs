using Platform.Engine.Hub;

namespace Platform.Engine.Tests.Hub;

public sealed class HubOptionsTests
{
    static HubOptions From(params (string Name, string Value)[] variables)
    {
        var map = variables.ToDictionary(v => v.Name, v => v.Value);
        return HubOptions.FromEnvironment(name => map.GetValueOrDefault(name));
    }

    [Fact]
    public void HubCacheVariableWinsOverHfHome() =>
        Assert.Equal("/data/hub-cache", From(("HF_HUB_CACHE", "/data/hub-cache"), ("HF_HOME", "/data/hf"), ("HOME", "/home/u")).CacheDirectory);

    [Fact]
    public void HfHomeHoldsTheCacheInItsHubFolder() =>
        Assert.Equal(Path.Combine("/data/hf", "hub"), From(("HF_HOME", "/data/hf"), ("HOME", "/home/u")).CacheDirectory);

    [Fact]
    public void DefaultCacheIsUnderTheUsersCacheFolder() =>
        Assert.Equal(Path.Combine("/home/u", ".cache", "huggingface", "hub"), From(("HOME", "/home/u")).CacheDirectory);

    [Fact]
    public void EndpointTokenAndOfflineComeFromTheEnvironment()
    {
        var options = From(("HF_ENDPOINT", "http://mirror.local:8080/"), ("HF_TOKEN", "hf_x"), ("HF_HUB_OFFLINE", "1"), ("HOME", "/h"));

        Assert.Equal("http://mirror.local:8080", options.Endpoint);
        Assert.Equal("hf_x", options.Token);
        Assert.True(options.Offline);
    }

    [Fact]
    public void DefaultsAreHuggingFaceOnlineAndAnonymous()
    {
        var options = From(("HOME", "/h"));

        Assert.Equal("https://huggingface.co", options.Endpoint);
        Assert.Null(options.Token);
        Assert.False(options.Offline);
    }

    [Theory]
    [InlineData("0", false)]
    [InlineData("false", false)]
    [InlineData("TRUE", true)]
    [InlineData("yes", true)]
    public void OfflineSwitchAcceptsHuggingFaceSpellings(string value, bool offline) =>
        Assert.Equal(offline, From(("HF_HUB_OFFLINE", value), ("HOME", "/h")).Offline);

    [Fact]
    public void TokenSavedByTheHuggingFaceLoginIsUsedWithoutHfToken()
    {
        var home = Directory.CreateTempSubdirectory("hf-home-");
        try
        {
            File.WriteAllText(Path.Combine(home.FullName, "token"), "hf_saved\n");

            Assert.Equal("hf_saved", From(("HF_HOME", home.FullName), ("HOME", "/h")).Token);
            Assert.Equal("hf_env", From(("HF_HOME", home.FullName), ("HF_TOKEN", "hf_env"), ("HOME", "/h")).Token);
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }
}
