namespace Platform.Runtime.Streams;

/// <summary>One published item with the token that numbers it.</summary>
public readonly record struct StreamEvent<T>(T Item, StreamSequenceToken Token);
