using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Platform.Runtime.Generators.Emit;
using Platform.Runtime.Generators.Models;

namespace Platform.Runtime.Generators
{
    /// <summary>Emits a proxy and an invoker for every grain interface in the compilation, and registers them and the grain classes at module load.</summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class GrainProxyGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var interfaces = context.SyntaxProvider.CreateSyntaxProvider(
                    static (node, _) => node is InterfaceDeclarationSyntax { BaseList: not null },
                    static (syntax, _) => syntax.SemanticModel.GetDeclaredSymbol(syntax.Node) is INamedTypeSymbol type ? ModelBuilder.BuildInterface(type) : null)
                .Where(static model => model is not null)
                .Collect();
            var classes = context.SyntaxProvider.CreateSyntaxProvider(
                    static (node, _) => node is ClassDeclarationSyntax { BaseList: not null },
                    static (syntax, _) => syntax.SemanticModel.GetDeclaredSymbol(syntax.Node) is INamedTypeSymbol type ? ModelBuilder.BuildClass(type) : null)
                .Where(static model => model is not null)
                .Collect();

            context.RegisterSourceOutput(interfaces.Combine(classes), static (output, pair) =>
            {
                // Partial declarations yield one model per part; emit each type once.
                var grainInterfaces = pair.Left.Select(m => m!).GroupBy(m => m.FullName).Select(g => g.First()).OrderBy(m => m.FullName).ToList();
                var grainClasses = pair.Right.Select(m => m!).GroupBy(m => m.FullName).Select(g => g.First()).OrderBy(m => m.FullName).ToList();
                var valid = new List<GrainInterfaceModel>();
                foreach (var model in grainInterfaces)
                {
                    if (Report(output, model.Diagnostics))
                        continue;
                    valid.Add(model);
                    output.AddSource($"{model.MetadataName}.g.cs", ProxyEmitter.Emit(model));
                }
                var validClasses = grainClasses.Where(model => !Report(output, model.Diagnostics)).ToList();
                if (valid.Count > 0 || validClasses.Count > 0)
                    output.AddSource("GeneratedGrainRegistration.g.cs", RegistrationEmitter.Emit(valid, validClasses));
            });
        }

        private static bool Report(SourceProductionContext output, EquatableArray<DiagnosticModel> diagnostics)
        {
            foreach (var diagnostic in diagnostics)
                output.ReportDiagnostic(GeneratorDiagnostics.ToDiagnostic(diagnostic));
            return diagnostics.Count > 0;
        }
    }
}
