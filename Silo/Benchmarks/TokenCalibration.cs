using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Platform.Silo.Benchmarks;

/// <summary>What the server's tokenizer makes of the workload's text: tokens per word, each tenant's system prompt length, and the model's context length.</summary>
/// <param name="SystemPromptTokens">Tokens of each tenant's system prompt at the calibrated word count, in tenant order.</param>
public sealed record TokenCalibration(double TokensPerWord, IReadOnlyList<int> SystemPromptTokens, int MaxModelLength)
{
    private const int MaxRounds = 4;

    /// <summary>Finds, through the server's `/tokenize`, the word count that gives tenant 0's system prompt about the asked tokens; then counts every tenant's.</summary>
    public static async Task<TokenCalibration> MeasureAsync(HttpClient http, string model, TenantWorkloadOptions options, CancellationToken cancellationToken)
    {
        var target = options.SystemPromptTokens;
        // Within 2 %: a word is one to a few tokens, so an exact count is not always reachable.
        var tolerance = Math.Max(1, target / 50);
        var tokensPerWord = 1.0;
        var maxModelLength = 0;
        for (var round = 0; round < MaxRounds; round++)
        {
            var workload = new TenantWorkload(options, tokensPerWord);
            (var count, maxModelLength) = await TokenizeAsync(http, model, workload.SystemPrompt(0), cancellationToken).ConfigureAwait(false);
            if (Math.Abs(count - target) <= tolerance)
                break;
            tokensPerWord = (double)count / workload.SystemPromptWords;
        }
        var sized = new TenantWorkload(options, tokensPerWord);
        var counts = new List<int>(options.Tenants);
        for (var t = 0; t < options.Tenants; t++)
            counts.Add((await TokenizeAsync(http, model, sized.SystemPrompt(t), cancellationToken).ConfigureAwait(false)).Count);
        return new TokenCalibration(tokensPerWord, counts, maxModelLength);
    }

    private static async Task<(int Count, int MaxModelLength)> TokenizeAsync(HttpClient http, string model, string text, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["model"] = model, ["prompt"] = text, ["add_special_tokens"] = false };
        using var response = await http.PostAsJsonAsync("tokenize", body, cancellationToken).ConfigureAwait(false);
        var answer = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{(int)response.StatusCode} {response.ReasonPhrase} from POST /tokenize (the workload sizes its text with it): {answer}");
        var json = JsonNode.Parse(answer);
        var count = json?["count"]?.GetValue<int>() ?? throw new InvalidDataException($"/tokenize answered without a count: {answer}");
        return (count, json["max_model_len"]?.GetValue<int>() ?? 0);
    }
}
