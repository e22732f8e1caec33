using System.Text;

namespace Platform.Engine.Tokenizers.Normalization;

/// <summary>`NFC`: Unicode canonical composition.</summary>
internal sealed class NfcNormalizer : INormalizer
{
    public string Normalize(string text) => text.Normalize(NormalizationForm.FormC);
}
