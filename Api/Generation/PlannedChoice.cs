using Platform.Grains.Interfaces.Generation;

namespace Platform.Api.Generation;

/// <summary>One choice of a response, before it runs: its index, which prompt it answers, its request id and how to start it.</summary>
/// <param name="Index">The `choices[].index` it fills.</param>
/// <param name="PromptGroup">Choices answering the same prompt share this, so usage counts that prompt once.</param>
/// <param name="RequestId">The id of its generation.</param>
/// <param name="Start">The grain call whose enumeration runs the generation and streams its chunks.</param>
internal sealed record PlannedChoice(int Index, int PromptGroup, string RequestId, Func<IGrainFactory, IAsyncEnumerable<TokenChunk>> Start);
