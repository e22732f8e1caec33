namespace Platform.Engine.Templates.Syntax;

/// <summary>Any syntax-tree node; remembers where it starts in the template so errors can point there.</summary>
internal abstract record Node(int Line, int Column);
