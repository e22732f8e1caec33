using Microsoft.CodeAnalysis;
using Platform.Runtime.Generators.Models;

namespace Platform.Runtime.Generators
{
    /// <summary>The errors and warnings the grain generator reports about unsupported grain interfaces and classes.</summary>
    internal static class GeneratorDiagnostics
    {
        public const string UnsupportedMember = "PGR001";
        public const string UnsupportedReturnType = "PGR002";
        public const string UnsupportedParameter = "PGR003";
        public const string GenericGrain = "PGR004";
        public const string InaccessibleType = "PGR005";

        public static Diagnostic ToDiagnostic(DiagnosticModel model) =>
            Diagnostic.Create(
                new DiagnosticDescriptor(model.Id, "Unsupported grain declaration", "{0}", "Platform.Runtime", DiagnosticSeverity.Error, isEnabledByDefault: true),
                model.Location,
                model.Message);
    }
}
