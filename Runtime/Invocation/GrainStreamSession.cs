using Platform.Runtime.Activation;

namespace Platform.Runtime.Invocation;

/// <summary>A started IAsyncEnumerable grain call: the enumerable the grain returned and the activation that must enumerate it.</summary>
internal sealed record GrainStreamSession(GrainActivation Activation, object Enumerable);
