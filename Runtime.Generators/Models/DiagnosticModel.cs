using Microsoft.CodeAnalysis;

namespace Platform.Runtime.Generators.Models
{
    /// <summary>A diagnostic found while building a model, reported when the source is emitted.</summary>
    internal sealed record DiagnosticModel(string Id, string Message, Location? Location) : System.IEquatable<DiagnosticModel>;
}
