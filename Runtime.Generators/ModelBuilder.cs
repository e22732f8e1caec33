using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Platform.Runtime.Generators.Models;

namespace Platform.Runtime.Generators
{
    /// <summary>Turns grain interface and grain class symbols into the plain models the emitter works from.</summary>
    internal static class ModelBuilder
    {
        private const string Runtime = "Platform.Runtime";

        private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
            .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

        /// <summary>The key kind ("String", "Guid", "Integer") when the type is a grain interface, else null.</summary>
        public static string? KeyKind(INamedTypeSymbol type)
        {
            if (type.TypeKind != TypeKind.Interface)
                return null;
            foreach (var candidate in type.AllInterfaces)
            {
                if (candidate.ContainingNamespace?.ToDisplayString() != Runtime)
                    continue;
                switch (candidate.Name)
                {
                    case "IGrainWithStringKey": return "String";
                    case "IGrainWithGuidKey": return "Guid";
                    case "IGrainWithIntegerKey": return "Integer";
                }
            }
            return null;
        }

        public static GrainInterfaceModel? BuildInterface(INamedTypeSymbol type)
        {
            var keyKind = KeyKind(type);
            if (keyKind is null || IsKeyMarker(type))
                return null;
            var diagnostics = CheckType(type, "interface");

            var methods = new List<GrainMethodModel>();
            foreach (var declaring in new[] { type }.Concat(type.AllInterfaces).Where(i => !IsKeyMarker(i) && i.ToDisplayString() != $"{Runtime}.IGrain"))
            {
                foreach (var member in declaring.GetMembers())
                {
                    if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false } method && method.IsAbstract)
                        methods.Add(BuildMethod(declaring, method, diagnostics));
                    else if (member.IsAbstract)
                        diagnostics.Add(new DiagnosticModel(GeneratorDiagnostics.UnsupportedMember,
                            $"Grain interface {declaring.Name} declares {member.Name}; grain interfaces may only declare methods.", member.Locations.FirstOrDefault()));
                }
            }
            return new GrainInterfaceModel(
                type.ToDisplayString(TypeFormat), MetadataName(type), keyKind, ToEquatable(methods), ToEquatable(diagnostics));
        }

        public static GrainClassModel? BuildClass(INamedTypeSymbol type)
        {
            if (type.TypeKind != TypeKind.Class || type.IsAbstract || type.IsStatic)
                return null;
            var interfaces = type.AllInterfaces.Where(i => KeyKind(i) is not null && !IsKeyMarker(i)).Select(i => i.ToDisplayString(TypeFormat)).ToList();
            if (interfaces.Count == 0)
                return null;
            var diagnostics = CheckType(type, "class");
            return new GrainClassModel(type.ToDisplayString(TypeFormat), ToEquatable(interfaces), ToEquatable(diagnostics));
        }

        /// <summary>The problems that stop a grain interface or class from getting generated code.</summary>
        private static List<DiagnosticModel> CheckType(INamedTypeSymbol type, string kind)
        {
            var diagnostics = new List<DiagnosticModel>();
            var location = type.Locations.FirstOrDefault();
            if (type.IsGenericType)
                diagnostics.Add(new DiagnosticModel(GeneratorDiagnostics.GenericGrain, $"Grain {kind} {type.Name} is generic; generic grain {kind}s are not supported.", location));
            if (!IsAccessibleInAssembly(type))
                diagnostics.Add(new DiagnosticModel(GeneratorDiagnostics.InaccessibleType, $"Grain {kind} {type.Name} must be public or internal (also its containing types).", location));
            return diagnostics;
        }

        private static GrainMethodModel BuildMethod(INamedTypeSymbol declaring, IMethodSymbol method, List<DiagnosticModel> diagnostics)
        {
            var location = method.Locations.FirstOrDefault();
            if (method.IsGenericMethod)
                diagnostics.Add(new DiagnosticModel(GeneratorDiagnostics.UnsupportedMember, $"Grain method {method.Name} is generic; generic grain methods are not supported.", location));
            var (kind, resultType) = ClassifyReturn(method.ReturnType);
            if (kind is null)
                diagnostics.Add(new DiagnosticModel(GeneratorDiagnostics.UnsupportedReturnType,
                    $"Grain method {method.Name} returns {method.ReturnType.ToDisplayString()}; grain methods return Task, Task<T>, ValueTask, ValueTask<T> or IAsyncEnumerable<T>.", location));

            var parameters = new List<GrainParameterModel>();
            var cancellationTokenIndex = -1;
            foreach (var parameter in method.Parameters)
            {
                if (parameter.RefKind != RefKind.None)
                    diagnostics.Add(new DiagnosticModel(GeneratorDiagnostics.UnsupportedParameter,
                        $"Parameter {parameter.Name} of grain method {method.Name} is passed by reference; grain method parameters are passed by value.", parameter.Locations.FirstOrDefault()));
                if (parameter.Type.ToDisplayString() == "System.Threading.CancellationToken")
                    cancellationTokenIndex = parameter.Ordinal;
                parameters.Add(new GrainParameterModel(parameter.Type.ToDisplayString(TypeFormat), EscapeIdentifier(parameter.Name)));
            }

            var flags = 0;
            foreach (var attribute in method.GetAttributes())
            {
                var name = attribute.AttributeClass?.ToDisplayString();
                if (name == $"{Runtime}.ReadOnlyAttribute") flags |= 1;
                else if (name == $"{Runtime}.AlwaysInterleaveAttribute") flags |= 2;
            }
            if (kind == ReturnKind.AsyncEnumerable)
                flags |= 4;

            return new GrainMethodModel(
                declaring.ToDisplayString(TypeFormat), method.Name, method.ReturnType.ToDisplayString(TypeFormat), kind ?? ReturnKind.Task,
                resultType, flags, cancellationTokenIndex, ToEquatable(parameters));
        }

        private static (ReturnKind? Kind, string? ResultType) ClassifyReturn(ITypeSymbol type)
        {
            if (type is not INamedTypeSymbol named)
                return (null, null);
            var definition = named.OriginalDefinition.ToDisplayString();
            var argument = named.TypeArguments.Length == 1 ? named.TypeArguments[0].ToDisplayString(TypeFormat) : null;
            switch (definition)
            {
                case "System.Threading.Tasks.Task": return (ReturnKind.Task, null);
                case "System.Threading.Tasks.Task<TResult>": return (ReturnKind.TaskOfT, argument);
                case "System.Threading.Tasks.ValueTask": return (ReturnKind.ValueTask, null);
                case "System.Threading.Tasks.ValueTask<TResult>": return (ReturnKind.ValueTaskOfT, argument);
                case "System.Collections.Generic.IAsyncEnumerable<T>": return (ReturnKind.AsyncEnumerable, argument);
                default: return (null, null);
            }
        }

        private static bool IsKeyMarker(INamedTypeSymbol type) =>
            type.ContainingNamespace?.ToDisplayString() == Runtime && type.Name is "IGrainWithStringKey" or "IGrainWithGuidKey" or "IGrainWithIntegerKey";

        private static bool IsAccessibleInAssembly(INamedTypeSymbol type)
        {
            for (ISymbol? current = type; current is INamedTypeSymbol; current = current.ContainingType)
                if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
                    return false;
            return true;
        }

        /// <summary>A name usable as a C# identifier that is unique per type: its full metadata name with separators replaced.</summary>
        private static string MetadataName(INamedTypeSymbol type)
        {
            var name = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", "");
            var chars = name.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray();
            return new string(chars);
        }

        private static string EscapeIdentifier(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

        private static EquatableArray<T> ToEquatable<T>(List<T> items) where T : System.IEquatable<T> =>
            new EquatableArray<T>(items.ToImmutableArray());
    }
}
