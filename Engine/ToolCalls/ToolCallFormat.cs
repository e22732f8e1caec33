namespace Platform.Engine.ToolCalls;

/// <summary>How a model family writes tool calls in its output.</summary>
public enum ToolCallFormat
{
    /// <summary>Llama 3.x: <c>{"name": ..., "parameters": {...}}</c>, optionally after <c>&lt;|python_tag|&gt;</c>, several separated by <c>;</c>.</summary>
    Llama3Json,

    /// <summary>Qwen2.5 / Hermes: <c>&lt;tool_call&gt;{"name": ..., "arguments": {...}}&lt;/tool_call&gt;</c>, one block per call.</summary>
    Hermes,

    /// <summary>Mistral: <c>[TOOL_CALLS] [{"name": ..., "arguments": {...}}, ...]</c>, with or without call ids.</summary>
    Mistral,
}
