using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Platform.Silo.Tests.Helm;

/// <summary>
/// `helm template` of helm/platform for one value set (the chart's defaults, or a file under helm/platform/ci/), as
/// Kubernetes objects. Each set is rendered once per test run and shared by every test that asks for it.
/// </summary>
internal sealed class RenderedChart
{
    public const string Release = "llm";
    public const string Namespace = "inference";

    /// <summary>The value sets the tests render: "default" is the chart's values.yaml alone.</summary>
    public static readonly string[] ValueSets = ["default", "gpu", "keda", "bundled-postgresql"];

    public static IEnumerable<object[]> All => ValueSets.Select(s => new object[] { s });

    private static readonly ConcurrentDictionary<string, Lazy<Task<RenderedChart>>> Cache = new();

    private RenderedChart(string valueSet, string text, List<JsonNode> objects, JsonNode values)
    {
        (ValueSet, Text, Objects, Values) = (valueSet, text, objects, values);
    }

    public string ValueSet { get; }

    /// <summary>What `helm template` printed.</summary>
    public string Text { get; }

    public List<JsonNode> Objects { get; }

    /// <summary>The chart's values.yaml with the set's file over it (maps merged, the way Helm does).</summary>
    public JsonNode Values { get; }

    public static Task<RenderedChart> GetAsync(string valueSet) =>
        Cache.GetOrAdd(valueSet, set => new Lazy<Task<RenderedChart>>(() => RenderAsync(set))).Value;

    /// <summary>helm's arguments that select <paramref name="valueSet"/>.</summary>
    public static string[] ValuesArguments(string valueSet) =>
        valueSet == "default" ? [] : ["-f", Path.Combine(HelmTools.ChartFolder, "ci", $"{valueSet}-values.yaml")];

    private static async Task<RenderedChart> RenderAsync(string valueSet)
    {
        var tools = await HelmTools.GetAsync();
        var (code, stdout, stderr) = await tools.HelmAsync(["template", Release, HelmTools.ChartFolder, "--namespace", Namespace, .. ValuesArguments(valueSet)]);
        Assert.True(code == 0, $"helm template ({valueSet}) exited {code}:\n{stderr}");
        var values = YamlJson.Documents(await File.ReadAllTextAsync(Path.Combine(HelmTools.ChartFolder, "values.yaml")))[0];
        if (valueSet != "default")
            Merge(values, YamlJson.Documents(await File.ReadAllTextAsync(ValuesArguments(valueSet)[1]))[0]);
        return new RenderedChart(valueSet, stdout, YamlJson.Documents(stdout), values);
    }

    private static void Merge(JsonNode into, JsonNode from)
    {
        foreach (var (key, value) in from.AsObject().ToList())
        {
            if (value is JsonObject && into[key] is JsonObject)
                Merge(into[key]!, value);
            else
                into[key] = value?.DeepClone();
        }
    }

    public IEnumerable<JsonNode> OfKind(string kind) => Objects.Where(o => (string?)o["kind"] == kind);

    public JsonNode Single(string kind, string name)
    {
        var fullName = $"{Release}-platform-{name}";
        var found = OfKind(kind).Where(o => (string?)o["metadata"]!["name"] == fullName).ToList();
        Assert.True(found.Count == 1, $"{ValueSet}: expected one {kind} {fullName}, found {found.Count}");
        return found[0];
    }

    /// <summary>Every workload's pod template (StatefulSets, Deployments): its owner's name and the template.</summary>
    public IEnumerable<(string Owner, JsonNode Template)> PodTemplates() =>
        Objects.Where(o => (string?)o["kind"] is "StatefulSet" or "Deployment" or "DaemonSet" or "Job" or "ReplicaSet")
            .Select(o => ($"{o["kind"]}/{o["metadata"]!["name"]}", o["spec"]!["template"]!));

    /// <summary>The one container of a component's pods ("silo", "api", "postgresql").</summary>
    public JsonNode Container(string kind, string component)
    {
        var containers = Single(kind, component)["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        Assert.Single(containers);
        return containers[0]!;
    }

    public static List<string> Args(JsonNode container) => container["args"]!.AsArray().Select(a => (string)a!).ToList();

    /// <summary>The value that follows <paramref name="flag"/> in a container's args.</summary>
    public static string Flag(JsonNode container, string flag)
    {
        var args = Args(container);
        var at = args.IndexOf(flag);
        Assert.True(at >= 0 && at + 1 < args.Count, $"no {flag} in [{string.Join(' ', args)}]");
        return args[at + 1];
    }
}
