using Platform.Grains.Interfaces.Generation;
using Platform.Runtime;

namespace Platform.Api.Generation;

/// <summary>One choice of a response, before it runs: its index, which prompt it answers, its request id and how to start it.</summary>
/// <param name="Index">The `choices[].index` it fills.</param>
/// <param name="PromptGroup">Choices answering the same prompt share this, so usage counts that prompt once.</param>
/// <param name="RequestId">The id of its generation and token stream.</param>
/// <param name="Start">Calls the grain that admits the generation.</param>
internal sealed record PlannedChoice(int Index, int PromptGroup, string RequestId, Func<IGrainFactory, Task<GenerationStarted>> Start);
