namespace Platform.Engine.Tokenizers.PreTokenization;

/// <summary>One word handed to the model; <see cref="AtStart"/> marks the piece that begins the whole input.</summary>
internal readonly record struct PreToken(string Text, bool AtStart);
