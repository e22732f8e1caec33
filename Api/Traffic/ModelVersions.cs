using Platform.Api.Hosting;
using Platform.Api.OpenAI.Errors;

namespace Platform.Api.Traffic;

/// <summary>
/// Which served model version answers a request: an alias's weighted pick, or the version the `x-model-version`
/// header pins (one of the alias's targets); a plain model is its own only version.
/// </summary>
public static class ModelVersions
{
    /// <summary>The request header that pins a version, and the response header that names the version that answered.</summary>
    public const string Header = "x-model-version";

    /// <summary>The version for <paramref name="model"/>, or the 400 for a pin that is not one of its versions.</summary>
    public static (string Model, ApiError? Error) Choose(ApiOptions options, string model, string? pin, string seed)
    {
        if (options.Aliases.TryGetValue(model, out var alias))
        {
            if (string.IsNullOrEmpty(pin))
                return (alias.Pick(seed), null);
            return alias.HasTarget(pin)
                ? (pin, null)
                : (model, Refuse(pin, $"alias '{model}' routes to {string.Join(", ", alias.Targets.Select(t => $"'{t.Model}'"))}"));
        }
        // An unknown model is answered with its 404 by the caller, whatever the header says.
        if (string.IsNullOrEmpty(pin) || pin == model || !options.Serves(model))
            return (model, null);
        return (model, Refuse(pin, $"model '{model}' is not an alias: its only version is '{model}'"));
    }

    static ApiError Refuse(string pin, string why) =>
        ApiError.InvalidRequest(Header, $"Invalid '{Header}' header '{pin}': {why}.", "invalid_value");
}
