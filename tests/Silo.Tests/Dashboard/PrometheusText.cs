using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Silo.Tests.Dashboard;

/// <summary>The samples of a Prometheus text-format (0.0.4) scrape: enough parsing to sum a metric's series.</summary>
public static partial class PrometheusText
{
    /// <summary>One sample line: metric name, labels, value.</summary>
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public static IReadOnlyList<Sample> Parse(string text)
    {
        var samples = new List<Sample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a Prometheus sample line: {line}");
            var labels = LabelPair().Matches(match.Groups["labels"].Value)
                .ToDictionary(m => m.Groups[1].Value, m => Unescape(m.Groups[2].Value));
            samples.Add(new Sample(match.Groups["name"].Value, labels, ParseValue(match.Groups["value"].Value)));
        }
        return samples;
    }

    /// <summary>The sum of every series of <paramref name="name"/> whose model_name is <paramref name="model"/>.</summary>
    public static double Sum(IReadOnlyList<Sample> samples, string name, string model) =>
        samples.Where(s => s.Name == name && s.Labels.TryGetValue("model_name", out var m) && m == model).Sum(s => s.Value);

    private static double ParseValue(string value) => value switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static string Unescape(string value) =>
        Regex.Replace(value, @"\\(.)", m => m.Groups[1].Value == "n" ? "\n" : m.Groups[1].Value);

    // name{labels} value [timestamp]
    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+-?\d+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();
}
