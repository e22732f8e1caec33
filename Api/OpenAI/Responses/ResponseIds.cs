namespace Platform.Api.OpenAI.Responses;

/// <summary>Makes the ids and timestamps OpenAI responses carry.</summary>
public static class ResponseIds
{
    /// <summary>A new `chatcmpl-…` id.</summary>
    public static string NewChatCompletionId() => "chatcmpl-" + Guid.NewGuid().ToString("N");

    /// <summary>A new `cmpl-…` id.</summary>
    public static string NewCompletionId() => "cmpl-" + Guid.NewGuid().ToString("N");

    /// <summary>A new `resp_…` id (Responses API).</summary>
    public static string NewResponseId() => "resp_" + Guid.NewGuid().ToString("N");

    /// <summary>A new `msg_…` id for a response's output message.</summary>
    public static string NewMessageId() => "msg_" + Guid.NewGuid().ToString("N");

    /// <summary>Unix seconds now, as `created` expects.</summary>
    public static long UnixNow(TimeProvider? clock = null) => (clock ?? TimeProvider.System).GetUtcNow().ToUnixTimeSeconds();
}
