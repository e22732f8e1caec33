namespace Platform.Engine.Generation;

/// <summary>Why a request stopped producing tokens (OpenAI's finish_reason).</summary>
public enum FinishReason
{
    /// <summary>A stop token (EOS or a requested id) or a stop string ended the text.</summary>
    Stop,

    /// <summary>max_tokens or the context length was reached.</summary>
    Length,

    /// <summary>The engine gave up on the request (it was shut down).</summary>
    Abort,
}
