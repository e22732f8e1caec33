using System.Text.Json;

namespace Platform.Api.OpenAI.Requests;

/// <summary>What <c>tool_choice</c> asks for.</summary>
public enum ToolChoiceMode { None, Auto, Required, Function }

/// <summary>A validated <c>tool_choice</c>: its mode, and the function's name for a named choice.</summary>
public readonly record struct ToolChoice(ToolChoiceMode Mode, string? FunctionName = null)
{
    /// <summary>The choice of a validated request: <c>auto</c> when tools are given without one (OpenAI's default), else <c>none</c>.</summary>
    public static ToolChoice Of(JsonElement? choice, bool hasTools)
    {
        if (choice is not { } value || value.ValueKind == JsonValueKind.Null)
            return new(hasTools ? ToolChoiceMode.Auto : ToolChoiceMode.None);
        if (value.ValueKind == JsonValueKind.String)
            return new(value.GetString() switch
            {
                "auto" => ToolChoiceMode.Auto,
                "required" => ToolChoiceMode.Required,
                _ => ToolChoiceMode.None,
            });
        return new(ToolChoiceMode.Function, value.GetProperty("function").GetProperty("name").GetString());
    }
}
