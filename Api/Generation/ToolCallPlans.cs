using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Api.OpenAI.Requests;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Api.Generation;

/// <summary>A validated chat request's tools and tool history as grains take them.</summary>
internal static class ToolCallPlans
{
    /// <summary>The job's tool settings, or null when the request defines no tools.</summary>
    public static ToolCalling? Of(ChatCompletionRequest request)
    {
        if (request.Tools is not { ValueKind: JsonValueKind.Array } tools || tools.GetArrayLength() == 0)
            return null;
        var choice = ToolChoice.Of(request.ToolChoice, hasTools: true);
        return new ToolCalling
        {
            ToolsJson = tools.GetRawText(),
            // tool_choice none still shows the tools to the model, as OpenAI and vLLM do; only parsing is off.
            Parse = choice.Mode != ToolChoiceMode.None,
            Parallel = request.ParallelToolCalls is not { ValueKind: JsonValueKind.False },
            Streamed = request.IsStreaming,
            Required = choice.Mode == ToolChoiceMode.Required,
            NamedFunction = choice.Mode == ToolChoiceMode.Function ? choice.FunctionName : null,
        };
    }

    /// <summary>
    /// The constraint a forced choice puts on the output (<see cref="ForcedToolCallSchemas"/>), or null for auto and none.
    /// A schema the engine cannot enforce is refused by the replica naming <c>tools</c>.
    /// </summary>
    public static OutputConstraint? Constraint(ChatCompletionRequest request)
    {
        if (request.Tools is not { ValueKind: JsonValueKind.Array } tools || tools.GetArrayLength() == 0)
            return null;
        var parallel = request.ParallelToolCalls is not { ValueKind: JsonValueKind.False };
        return ForcedToolCallSchemas.For(tools, ToolChoice.Of(request.ToolChoice, hasTools: true), parallel) is { } schema
            ? new OutputConstraint { Kind = OutputConstraintKind.JsonSchema, Schema = schema, Param = "tools" }
            : null;
    }

    /// <summary>Whether the request uses tools at all: tools defined, or tool calls and results in its history.</summary>
    public static bool UsesTools(ChatCompletionRequest request) =>
        request.Tools is { ValueKind: JsonValueKind.Array } tools && tools.GetArrayLength() > 0
        || request.Messages!.Any(m => m.ToolCalls is { Count: > 0 } || m.Role == ChatRoles.Tool);

    /// <summary>An assistant turn's validated tool calls.</summary>
    public static IReadOnlyList<ToolCallData>? Calls(JsonArray? calls) =>
        calls is not { Count: > 0 }
            ? null
            : calls.Select(c => new ToolCallData((string)c!["id"]!, (string)c["function"]!["name"]!, (string)c["function"]!["arguments"]!)).ToList();
}
