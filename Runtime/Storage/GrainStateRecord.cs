namespace Platform.Runtime.Storage;

/// <summary>One stored grain state: its JSON payload and the ETag of that version.</summary>
public readonly record struct GrainStateRecord(string Json, string Etag);
