using Platform.Grains.Interfaces.Generation;

namespace Platform.Grains.Interfaces.Responses;

/// <summary>
/// One Responses API response, keyed by <see cref="ResponseKeys.Of"/> (its tenant and id): runs the generation, and when
/// stored keeps the response object and the conversation it ends, which a follow-up continues from its KV-cached prefix.
/// </summary>
[Alias("platform.IResponseGrain")]
public interface IResponseGrain : IGrainWithStringKey
{
    /// <summary>
    /// Generates the response and streams its chunks. With <see cref="ResponseTurn.Store"/> the response is stored before
    /// the final chunk is yielded (a failed write yields an error chunk instead); a failed or abandoned run stores nothing.
    /// </summary>
    [Alias("Run")]
    IAsyncEnumerable<TokenChunk> Run(ResponseTurn turn);

    /// <summary>The stored response, or null when none is stored under this key.</summary>
    [Alias("Get")]
    Task<StoredResponse?> Get();

    /// <summary>The conversation a follow-up continues, or null when none is stored under this key.</summary>
    [Alias("GetConversation")]
    Task<ResponseConversation?> GetConversation();

    /// <summary>Removes the stored response; returns whether there was one.</summary>
    [Alias("Delete")]
    Task<bool> Delete();
}
