using System.Globalization;
using System.Text;

namespace Platform.Silo.Benchmarks;

/// <summary>The sample lines of a Prometheus text-format (0.0.4) scrape: enough of the format to sum a metric's series.</summary>
public static class PrometheusSamples
{
    /// <summary>One sample: metric name, labels, value.</summary>
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    /// <summary>Every sample line of <paramref name="text"/>; comments, blank lines and lines that are not samples are skipped.</summary>
    public static IEnumerable<Sample> Parse(string text)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length > 0 && line[0] != '#' && TryParse(line, out var sample))
                yield return sample;
        }
    }

    private static bool TryParse(string line, out Sample sample)
    {
        sample = null!;
        var i = 0;
        while (i < line.Length && line[i] is not ('{' or ' ' or '\t'))
            i++;
        var name = line[..i];
        var labels = new Dictionary<string, string>();
        if (i < line.Length && line[i] == '{' && !TryReadLabels(line, ref i, labels))
            return false;
        var rest = line[i..].Trim().Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (name.Length == 0 || rest.Length == 0 || !TryParseValue(rest[0], out var value))
            return false;
        sample = new Sample(name, labels, value);
        return true;
    }

    // name="value" pairs separated by commas, values with \\, \" and \n escapes; i is left after the closing brace.
    private static bool TryReadLabels(string line, ref int i, Dictionary<string, string> labels)
    {
        i++;
        while (true)
        {
            while (i < line.Length && line[i] is ' ' or ',')
                i++;
            if (i >= line.Length)
                return false;
            if (line[i] == '}')
            {
                i++;
                return true;
            }
            var equals = line.IndexOf('=', i);
            if (equals < 0 || equals + 1 >= line.Length || line[equals + 1] != '"')
                return false;
            var key = line[i..equals].Trim();
            var value = new StringBuilder();
            for (i = equals + 2; i < line.Length && line[i] != '"'; i++)
            {
                if (line[i] == '\\' && i + 1 < line.Length)
                    value.Append(line[++i] == 'n' ? '\n' : line[i]);
                else
                    value.Append(line[i]);
            }
            if (i >= line.Length)
                return false;
            i++;
            labels[key] = value.ToString();
        }
    }

    private static bool TryParseValue(string text, out double value)
    {
        switch (text)
        {
            case "+Inf":
                value = double.PositiveInfinity;
                return true;
            case "-Inf":
                value = double.NegativeInfinity;
                return true;
            case "NaN":
                value = double.NaN;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }
}
