using System.Text.Json;
using Platform.Api.OpenAI.Errors;
using Platform.Api.OpenAI.Requests;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Api.OpenAI.Validation;

/// <summary>
/// Reads the structured-output fields (response_format; vLLM's structured_outputs and its older guided_* names) into one
/// <see cref="OutputConstraint"/>, or the error for a bad shape. Whether a schema can be enforced is decided by the replica,
/// which compiles it.
/// </summary>
public static class OutputFormatReader
{
    private static readonly string[] FormatTypes = ["text", "json_object", "json_schema"];

    /// <summary>The shape error, or null with <paramref name="constraint"/> set (null when the output is free text).</summary>
    public static ApiError? Read(GenerationRequest request, out OutputConstraint? constraint)
    {
        constraint = null;
        var found = new List<(string Param, OutputConstraint Constraint)>();
        var error = ResponseFormat(request.ResponseFormat, found) ?? StructuredOutputs(request.StructuredOutputs, found)
            ?? Json(request.GuidedJson, "guided_json", found) ?? Regex(request.GuidedRegex, "guided_regex", found)
            ?? Choice(request.GuidedChoice, "guided_choice", found)
            ?? (request.GuidedGrammar is { ValueKind: not JsonValueKind.Null } ? ApiError.Unsupported("guided_grammar", "context-free grammars are not supported; use a JSON schema or a regex") : null);
        if (error is not null)
            return error;
        if (found.Count > 1)
            return ApiError.InvalidRequest(found[1].Param, $"Only one output constraint may be given, but the request has both '{found[0].Param}' and '{found[1].Param}'.", "invalid_value");
        constraint = found.Count == 1 ? found[0].Constraint : null;
        return null;
    }

    private static ApiError? ResponseFormat(JsonElement? format, List<(string, OutputConstraint)> found)
    {
        if (format is not { } value || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            return ApiError.InvalidType("response_format", "an object with a string 'type'");
        switch (type.GetString())
        {
            case "text":
                return null;
            case "json_object":
                found.Add(("response_format", new OutputConstraint { Kind = OutputConstraintKind.JsonObject, Param = "response_format" }));
                return null;
            case "json_schema":
                break;
            default:
                return ApiError.InvalidValue("response_format.type", type.GetString()!, FormatTypes);
        }
        if (!value.TryGetProperty("json_schema", out var spec))
            return ApiError.Missing("response_format.json_schema");
        if (spec.ValueKind != JsonValueKind.Object)
            return ApiError.InvalidType("response_format.json_schema", "an object with 'name' and 'schema'");
        if (CheckJsonSchemaFormat(spec, "response_format.json_schema") is { } error)
            return error;
        found.Add(("response_format", JsonSchemaConstraint(spec, "response_format.json_schema")));
        return null;
    }

    /// <summary>
    /// The fields of a json_schema format (`name` and `schema` required, `description` and `strict` optional) under
    /// <paramref name="prefix"/>: chat nests them in `response_format.json_schema`, the Responses API has them in `text.format`.
    /// </summary>
    internal static ApiError? CheckJsonSchemaFormat(JsonElement spec, string prefix)
    {
        if (!spec.TryGetProperty("name", out var name))
            return ApiError.Missing($"{prefix}.name");
        if (name.ValueKind != JsonValueKind.String || !OpenAINames.IsValid(name.GetString()!))
            return ApiError.InvalidRequest($"{prefix}.name", $"Invalid '{prefix}.name': expected a string of 1 to 64 letters, digits, underscores or dashes.", "invalid_value");
        if (spec.TryGetProperty("description", out var description) && description.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            return ApiError.InvalidType($"{prefix}.description", "a string");
        if (spec.TryGetProperty("strict", out var strict) && strict.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
            return ApiError.InvalidType($"{prefix}.strict", "a boolean");
        if (!spec.TryGetProperty("schema", out var schema))
            return ApiError.Missing($"{prefix}.schema");
        if (schema.ValueKind != JsonValueKind.Object)
            return ApiError.InvalidType($"{prefix}.schema", "a JSON Schema object");
        return null;
    }

    /// <summary>The constraint of a json_schema format that <see cref="CheckJsonSchemaFormat"/> accepted.</summary>
    internal static OutputConstraint JsonSchemaConstraint(JsonElement spec, string prefix) => new()
    {
        Kind = OutputConstraintKind.JsonSchema,
        Schema = spec.GetProperty("schema").GetRawText(),
        Strict = spec.TryGetProperty("strict", out var strict) && strict.ValueKind == JsonValueKind.True,
        Param = $"{prefix}.schema",
    };

    private static ApiError? StructuredOutputs(JsonElement? outputs, List<(string, OutputConstraint)> found)
    {
        if (outputs is not { } value || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind != JsonValueKind.Object)
            return ApiError.InvalidType("structured_outputs", "an object with one of 'json', 'regex' or 'choice'");
        foreach (var field in value.EnumerateObject())
        {
            var param = $"structured_outputs.{field.Name}";
            var error = field.Name switch
            {
                "json" => Json(field.Value, param, found),
                "regex" => Regex(field.Value, param, found),
                "choice" => Choice(field.Value, param, found),
                "json_object" => field.Value.ValueKind == JsonValueKind.True ? Add(found, param, new OutputConstraint { Kind = OutputConstraintKind.JsonObject, Param = param })
                    : field.Value.ValueKind is JsonValueKind.False or JsonValueKind.Null ? null : ApiError.InvalidType(param, "a boolean"),
                "grammar" or "structural_tag" => field.Value.ValueKind == JsonValueKind.Null ? null
                    : ApiError.Unsupported(param, "only json, regex and choice constraints are supported"),
                _ => ApiError.Unsupported(param, "only the json, regex, choice and json_object fields of structured_outputs are supported"),
            };
            if (error is not null)
                return error;
        }
        return null;
    }

    private static ApiError? Json(JsonElement? json, string param, List<(string, OutputConstraint)> found)
    {
        if (json is not { } value || value.ValueKind == JsonValueKind.Null)
            return null;
        string text;
        if (value.ValueKind == JsonValueKind.Object)
            text = value.GetRawText();
        else if (value.ValueKind == JsonValueKind.String)
            text = value.GetString()!;
        else
            return ApiError.InvalidType(param, "a JSON Schema object or its text");
        return Add(found, param, new OutputConstraint { Kind = OutputConstraintKind.JsonSchema, Schema = text, Param = param });
    }

    private static ApiError? Regex(JsonElement? regex, string param, List<(string, OutputConstraint)> found)
    {
        if (regex is not { } value || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } pattern)
            return ApiError.InvalidType(param, "a non-empty string");
        return Add(found, param, new OutputConstraint { Kind = OutputConstraintKind.Regex, Pattern = pattern, Param = param });
    }

    private static ApiError? Choice(JsonElement? choice, string param, List<(string, OutputConstraint)> found)
    {
        if (choice is not { } value || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0
            || value.EnumerateArray().Any(c => c.ValueKind != JsonValueKind.String || c.GetString()!.Length == 0))
            return ApiError.InvalidType(param, "a non-empty array of non-empty strings");
        return Add(found, param, new OutputConstraint { Kind = OutputConstraintKind.Choice, Choices = value.EnumerateArray().Select(c => c.GetString()!).ToList(), Param = param });
    }

    private static ApiError? Add(List<(string, OutputConstraint)> found, string param, OutputConstraint constraint)
    {
        found.Add((param, constraint));
        return null;
    }
}
