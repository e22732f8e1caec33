namespace Platform.Api.OpenAI.Responses;

/// <summary>Why a choice stopped: the values of `finish_reason`.</summary>
public static class FinishReasons
{
    /// <summary>An end-of-sequence token or a stop string ended the choice.</summary>
    public const string Stop = "stop";

    /// <summary>The token limit (max_tokens or the context window) ended the choice.</summary>
    public const string Length = "length";

    /// <summary>The model called tools: the message's <c>tool_calls</c> hold them.</summary>
    public const string ToolCalls = "tool_calls";
}
