using System.Text.Json;

namespace Platform.Api.Audit;

/// <summary>
/// The prices of `--prices FILE`: a JSON object keyed by served model name, each `{"prompt": P, "cached": C,
/// "completion": O}` per million tokens (`cached` defaults to `prompt`). Read as decimals, exactly as written.
/// </summary>
public sealed class ModelPrices
{
    private static readonly string[] Fields = ["prompt", "cached", "completion"];
    private readonly Dictionary<string, ModelPrice> _prices;

    private ModelPrices(Dictionary<string, ModelPrice> prices) => _prices = prices;

    /// <summary>No prices: every cost is null.</summary>
    public static ModelPrices None { get; } = new([]);

    public IReadOnlyDictionary<string, ModelPrice> ByModel => _prices;

    /// <summary>The cost of a call to <paramref name="model"/>, or null when it has no price (or the call named no model).</summary>
    public decimal? CostOf(string? model, int prompt, int cached, int completion) =>
        model is not null && _prices.TryGetValue(model, out var price) ? price.CostOf(prompt, cached, completion) : null;

    /// <summary>Reads a prices file; an <see cref="ArgumentException"/> names the file and what is wrong in it.</summary>
    public static ModelPrices Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--prices: cannot read '{path}': {e.Message}");
        }
        try
        {
            return Parse(text);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"--prices: '{path}' is not valid JSON (line {e.LineNumber + 1}).");
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"--prices: '{path}': {e.Message}");
        }
    }

    /// <summary>Parses the file's text; a <see cref="FormatException"/> says what is wrong.</summary>
    public static ModelPrices Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new FormatException("expected a JSON object keyed by served model name, e.g. {\"my-model\": {\"prompt\": 0.5, \"cached\": 0.25, \"completion\": 1.5}}.");
        var prices = new Dictionary<string, ModelPrice>(StringComparer.Ordinal);
        foreach (var model in document.RootElement.EnumerateObject())
        {
            if (model.Value.ValueKind != JsonValueKind.Object)
                throw new FormatException($"the price of '{model.Name}' must be an object with prompt, cached and completion per million tokens.");
            if (!prices.TryAdd(model.Name, Price(model.Name, model.Value)))
                throw new FormatException($"'{model.Name}' is priced twice.");
        }
        return new ModelPrices(prices);
    }

    private static ModelPrice Price(string model, JsonElement price)
    {
        foreach (var field in price.EnumerateObject())
        {
            if (Array.IndexOf(Fields, field.Name) < 0)
                throw new FormatException($"'{model}' has an unknown field '{field.Name}' (known: prompt, cached, completion).");
        }
        var prompt = Amount(model, price, "prompt") ?? throw new FormatException($"'{model}' needs a 'prompt' price.");
        var completion = Amount(model, price, "completion") ?? throw new FormatException($"'{model}' needs a 'completion' price.");
        return new ModelPrice(prompt, Amount(model, price, "cached") ?? prompt, completion);
    }

    private static decimal? Amount(string model, JsonElement price, string field)
    {
        if (!price.TryGetProperty(field, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var amount) || amount < 0)
            throw new FormatException($"'{model}'.{field} must be a number of at least 0 (price per million tokens).");
        return amount;
    }
}
