namespace Platform.Engine.Tokenizers.Models;

/// <summary>How a BPE model treats characters outside its vocabulary and whole-word hits.</summary>
/// <param name="UnknownId">The unknown token, or null to drop unknown characters.</param>
/// <param name="FuseUnknown">Consecutive unknown characters become one unknown token.</param>
/// <param name="ByteFallback">Unknown characters become their UTF-8 bytes as &lt;0xNN&gt; tokens.</param>
/// <param name="IgnoreMerges">A word that is itself a token is emitted whole without merging (Llama 3).</param>
internal readonly record struct BpeOptions(int? UnknownId, bool FuseUnknown, bool ByteFallback, bool IgnoreMerges);
