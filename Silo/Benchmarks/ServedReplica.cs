using System.Text.Json.Nodes;

namespace Platform.Silo.Benchmarks;

/// <summary>One replica of a served model as `GET /v1/models` lists it: its key, the silo that holds it, and its state (`ready`, `loading`, ...).</summary>
public sealed record ServedReplica(string Id, string Silo, string State)
{
    /// <summary>The replicas <paramref name="model"/> lists on the server behind <paramref name="http"/>; empty for a server that lists none (vLLM).</summary>
    public static async Task<IReadOnlyList<ServedReplica>> ListAsync(HttpClient http, string model, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("v1/models", cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{(int)response.StatusCode} {response.ReasonPhrase} from GET /v1/models: {body}");
        var card = JsonNode.Parse(body)?["data"]?.AsArray().FirstOrDefault(m => m?["id"]?.GetValue<string>() == model)
                   ?? throw new ArgumentException($"the server does not serve a model named '{model}'.");
        return card["replicas"] is JsonArray replicas
            ? replicas.Select(r => new ServedReplica(Text(r, "id"), Text(r, "silo"), Text(r, "state"))).ToList()
            : [];
    }

    private static string Text(JsonNode? node, string name) => node?[name]?.GetValue<string>() ?? "";
}
