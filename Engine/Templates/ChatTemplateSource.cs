namespace Platform.Engine.Templates;

/// <summary>A model's chat template text with the BOS/EOS token strings it renders with; <see cref="Origin"/> names the file it came from.</summary>
public sealed record ChatTemplateSource(string Template, string? BosToken, string? EosToken, string Origin)
{
    /// <summary>Parses <see cref="Template"/>.</summary>
    public ChatTemplate Parse() => ChatTemplate.Parse(Template);
}
