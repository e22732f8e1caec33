namespace Platform.Engine.Templates.Syntax;

/// <summary>A piece of template output or control flow.</summary>
internal abstract record Stmt(int Line, int Column) : Node(Line, Column);

/// <summary>What a <c>set</c> or <c>for</c> assigns to.</summary>
internal abstract record Target(int Line, int Column) : Node(Line, Column);

internal sealed record NameTarget(string Name, int Line, int Column) : Target(Line, Column);

internal sealed record TupleTarget(IReadOnlyList<Target> Items, int Line, int Column) : Target(Line, Column);

internal sealed record AttributeTarget(string Owner, string Name, int Line, int Column) : Target(Line, Column);

/// <summary>One macro or caller parameter with its optional default.</summary>
internal sealed record Parameter(string Name, Expr? Default);

/// <summary>A filter applied by a <c>filter</c> block or a block <c>set</c>.</summary>
internal sealed record FilterCall(string Name, Arguments Args, int Line, int Column);

internal sealed record TextStmt(string Text, int Line, int Column) : Stmt(Line, Column);

internal sealed record OutputStmt(Expr Value, int Line, int Column) : Stmt(Line, Column);

internal sealed record IfStmt(IReadOnlyList<KeyValuePair<Expr, IReadOnlyList<Stmt>>> Branches, IReadOnlyList<Stmt> Else, int Line, int Column) : Stmt(Line, Column);

internal sealed record ForStmt(Target Target, Expr Iterable, Expr? Filter, IReadOnlyList<Stmt> Body, IReadOnlyList<Stmt> Else, int Line, int Column) : Stmt(Line, Column);

internal sealed record SetStmt(Target Target, Expr Value, int Line, int Column) : Stmt(Line, Column);

internal sealed record SetBlockStmt(Target Target, IReadOnlyList<FilterCall> Filters, IReadOnlyList<Stmt> Body, int Line, int Column) : Stmt(Line, Column);

internal sealed record MacroStmt(string Name, IReadOnlyList<Parameter> Parameters, IReadOnlyList<Stmt> Body, int Line, int Column) : Stmt(Line, Column);

internal sealed record CallBlockStmt(CallExpr Call, IReadOnlyList<Parameter> CallerParameters, IReadOnlyList<Stmt> Body, int Line, int Column) : Stmt(Line, Column);

internal sealed record FilterBlockStmt(IReadOnlyList<FilterCall> Filters, IReadOnlyList<Stmt> Body, int Line, int Column) : Stmt(Line, Column);

/// <summary>A body rendered in place, such as transformers' <c>{% generation %}</c> marker block.</summary>
internal sealed record BlockStmt(IReadOnlyList<Stmt> Body, int Line, int Column) : Stmt(Line, Column);

internal sealed record DoStmt(Expr Value, int Line, int Column) : Stmt(Line, Column);

internal sealed record BreakStmt(int Line, int Column) : Stmt(Line, Column);

internal sealed record ContinueStmt(int Line, int Column) : Stmt(Line, Column);
