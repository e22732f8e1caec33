using System.Collections.Concurrent;
using System.Text;

namespace Platform.Silo.Tests.Serving.Fuzz;

/// <summary>The fuzz table: for each category, how many requests were sent and which statuses came back how often.</summary>
public sealed class FuzzTable
{
    readonly ConcurrentDictionary<string, ConcurrentDictionary<string, int>> _rows = new();

    /// <summary>Counts <paramref name="outcome"/> in <paramref name="category"/>.</summary>
    public void Add(string category, FuzzOutcome outcome) =>
        _rows.GetOrAdd(category, _ => new()).AddOrUpdate(outcome.Status == 0 ? "closed" : outcome.Status.ToString(), 1, (_, n) => n + 1);

    /// <summary>All requests counted.</summary>
    public int Total => _rows.Values.Sum(r => r.Values.Sum());

    /// <summary>A Markdown table, categories in the order given.</summary>
    public string Render(IEnumerable<string> order)
    {
        var text = new StringBuilder("| category | requests | statuses seen |\n|---|---:|---|\n");
        foreach (var category in order.Where(_rows.ContainsKey))
        {
            var statuses = _rows[category].OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} ×{s.Value}");
            text.Append($"| {category} | {_rows[category].Values.Sum()} | {string.Join(", ", statuses)} |\n");
        }
        return text.Append($"| **total** | {Total} | |\n").ToString();
    }
}
