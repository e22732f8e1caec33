namespace Platform.Api.Wire;

/// <summary>The answer of `DELETE /v1/sessions/{id}`, shaped like OpenAI's deletion answers.</summary>
public sealed record SessionDeleted(string Id, bool Deleted)
{
    public string Object => "session.deleted";
}
