namespace Platform.Engine.Templates.Lexing;

/// <summary>The kinds of token the template lexer produces.</summary>
internal enum TokenKind
{
    Text,
    VariableStart,
    VariableEnd,
    BlockStart,
    BlockEnd,
    Name,
    String,
    Integer,
    Float,
    Operator,
    End,
}
