namespace Platform.Engine.Tokenizers.PreTokenization;

/// <summary>When Metaspace adds its leading ▁.</summary>
internal enum PrependScheme
{
    Always,
    First,
    Never,
}
