namespace Platform.Engine.Tokenizers.Processing;

/// <summary>A token matched in the raw text before the model runs (Hugging Face `added_tokens`).</summary>
/// <param name="LStrip">The match also swallows whitespace on its left.</param>
/// <param name="RStrip">The match also swallows whitespace on its right.</param>
/// <param name="Normalized">Matched in normalized text (its content normalized too) rather than in the raw input.</param>
/// <param name="SingleWord">Matched only when not inside a word.</param>
/// <param name="Special">Skipped when decoding with skipSpecialTokens.</param>
internal sealed record AddedToken(int Id, string Content, bool LStrip, bool RStrip, bool Normalized, bool SingleWord, bool Special);
