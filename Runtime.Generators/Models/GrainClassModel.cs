namespace Platform.Runtime.Generators.Models
{
    /// <summary>A grain class and the grain interfaces it implements, for runtime registration.</summary>
    internal sealed record GrainClassModel(string FullName, EquatableArray<string> Interfaces, EquatableArray<DiagnosticModel> Diagnostics);
}
