using System.Text.Encodings.Web;
using System.Text.Json;
using Platform.Engine.Structured.Grammar;
using Platform.Engine.Structured.Regex;
using static Platform.Engine.Structured.Grammar.GrammarNode;

namespace Platform.Engine.Structured.Schema;

/// <summary>
/// Compiles a JSON schema into a byte grammar whose sentences are JSON texts valid against it. Every keyword is either
/// enforced or refused (<see cref="UnsupportedSchemaException"/>); a few are enforced more tightly than the schema asks
/// (declared properties only and in their order, bounded whitespace and digits), which keeps every output valid.
/// </summary>
public sealed class JsonSchemaCompiler
{
    private static readonly HashSet<string> Annotations =
        ["title", "description", "default", "examples", "$schema", "$id", "$comment", "deprecated", "readOnly", "writeOnly", "$defs", "definitions"];

    private static readonly HashSet<string> StringKeywords = ["pattern", "minLength", "maxLength"];
    private static readonly HashSet<string> NumberKeywords = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"];
    private static readonly HashSet<string> ObjectKeywords = ["properties", "required", "additionalProperties"];
    private static readonly HashSet<string> ArrayKeywords = ["items", "minItems", "maxItems", "uniqueItems"];
    private static readonly HashSet<string> OtherKeywords = ["type", "enum", "const", "anyOf", "oneOf", "allOf", "$ref"];

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = false };

    private readonly JsonElement _root;
    private readonly bool _strict;
    private readonly GrammarBuilder _builder = new();
    private readonly JsonGrammarParts _parts;
    private readonly Dictionary<string, int> _refRules = new();
    private readonly HashSet<string> _resolving = new();

    private JsonSchemaCompiler(JsonElement root, bool strict)
    {
        _root = root;
        _strict = strict;
        _parts = new JsonGrammarParts(_builder);
    }

    /// <summary>
    /// The grammar of JSON texts valid against <paramref name="schema"/>; <paramref name="strict"/> (OpenAI's strict mode) makes
    /// objects without additionalProperties closed.
    /// </summary>
    public static ByteGrammar Compile(JsonElement schema, bool strict)
    {
        var compiler = new JsonSchemaCompiler(schema, strict);
        try
        {
            var body = compiler.Value(schema, "");
            return compiler._builder.Build(compiler._builder.AddRule(Seq(JsonGrammarParts.Whitespace, body)));
        }
        catch (UnsupportedRegexException error)
        {
            throw new UnsupportedSchemaException(error.Message);
        }
        catch (GrammarTooLargeException error)
        {
            throw new UnsupportedSchemaException($"the schema is too large to enforce: {error.Message}");
        }
    }

    /// <summary>The grammar of any JSON object (OpenAI's json_object mode).</summary>
    public static ByteGrammar AnyObject()
    {
        var builder = new GrammarBuilder();
        var parts = new JsonGrammarParts(builder);
        return builder.Build(builder.AddRule(Seq(JsonGrammarParts.Whitespace, parts.AnyObject)));
    }

    private GrammarNode Value(JsonElement schema, string path)
    {
        if (schema.ValueKind == JsonValueKind.True)
            return _parts.AnyValue;
        if (schema.ValueKind == JsonValueKind.False)
            throw UnsupportedSchemaException.Invalid(path, "the schema 'false' admits no value");
        if (schema.ValueKind != JsonValueKind.Object)
            throw UnsupportedSchemaException.Invalid(path, "a schema must be an object or a boolean");
        foreach (var property in schema.EnumerateObject())
        {
            var k = property.Name;
            if (!Annotations.Contains(k) && !StringKeywords.Contains(k) && !NumberKeywords.Contains(k) && !ObjectKeywords.Contains(k)
                && !ArrayKeywords.Contains(k) && !OtherKeywords.Contains(k))
                throw UnsupportedSchemaException.Keyword(k, path);
        }
        if (schema.TryGetProperty("$ref", out var reference))
            return Alone(schema, "$ref", path) ?? Reference(reference, path);
        if (schema.TryGetProperty("allOf", out var allOf))
        {
            if (allOf.ValueKind != JsonValueKind.Array || allOf.GetArrayLength() != 1)
                throw UnsupportedSchemaException.Keyword("allOf", path, "only an allOf of one schema is supported");
            return Alone(schema, "allOf", path) ?? Value(allOf[0], $"{path}/allOf/0");
        }
        if (schema.TryGetProperty("anyOf", out var anyOf))
            return Alone(schema, "anyOf", path) ?? Alternatives(anyOf, $"{path}/anyOf", "anyOf");
        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            CheckDisjoint(oneOf, $"{path}/oneOf");
            return Alone(schema, "oneOf", path) ?? Alternatives(oneOf, $"{path}/oneOf", "oneOf");
        }
        var types = Types(schema, path);
        if (schema.TryGetProperty("const", out var constant))
            return Literals([constant], types, schema, "const", path);
        if (schema.TryGetProperty("enum", out var values))
        {
            if (values.ValueKind != JsonValueKind.Array || values.GetArrayLength() == 0)
                throw UnsupportedSchemaException.Invalid($"{path}/enum", "enum must be a non-empty array");
            return Literals([.. values.EnumerateArray()], types, schema, "enum", path);
        }
        if (types.Count == 0)
            return _parts.AnyValue;
        return Any([.. types.Select(type => OfType(type, schema, path))]);
    }

    // A keyword that must stand alone among the constraining keywords of its schema.
    private static GrammarNode? Alone(JsonElement schema, string keyword, string path)
    {
        foreach (var property in schema.EnumerateObject())
            if (property.Name != keyword && !Annotations.Contains(property.Name))
                throw UnsupportedSchemaException.Keyword(property.Name, path, $"it cannot be combined with '{keyword}'");
        return null;
    }

    // The schema's types: given by 'type', or implied by the type-specific keywords it uses; none means any value.
    private static List<string> Types(JsonElement schema, string path)
    {
        if (schema.TryGetProperty("type", out var type))
        {
            var names = type.ValueKind switch
            {
                JsonValueKind.String => [type.GetString()!],
                JsonValueKind.Array => type.EnumerateArray().Select(t => t.ValueKind == JsonValueKind.String ? t.GetString()! : throw UnsupportedSchemaException.Invalid($"{path}/type", "type names must be strings")).ToList(),
                _ => throw UnsupportedSchemaException.Invalid($"{path}/type", "type must be a string or an array of strings"),
            };
            foreach (var name in names)
                if (name is not ("string" or "number" or "integer" or "boolean" or "null" or "object" or "array"))
                    throw UnsupportedSchemaException.Invalid($"{path}/type", $"unknown type '{name}'");
            return names.Distinct().ToList();
        }
        var implied = new List<string>();
        foreach (var property in schema.EnumerateObject())
        {
            var k = property.Name;
            var family = StringKeywords.Contains(k) ? "string" : NumberKeywords.Contains(k) ? "number" : ObjectKeywords.Contains(k) ? "object" : ArrayKeywords.Contains(k) ? "array" : null;
            if (family is not null && !implied.Contains(family))
                implied.Add(family);
        }
        if (implied.Count > 1 && !schema.TryGetProperty("enum", out _) && !schema.TryGetProperty("const", out _))
            throw UnsupportedSchemaException.Keyword("type", path, $"give 'type': keywords of several types ({string.Join(", ", implied)}) without it would admit other values unchecked");
        return implied;
    }

    private GrammarNode OfType(string type, JsonElement schema, string path) => type switch
    {
        "string" => StringValue(schema, path),
        "integer" => IntegerValue(schema, path),
        "number" => NumberValue(schema, path),
        "boolean" => JsonGrammarParts.Boolean,
        "null" => Text("null"),
        "object" => ObjectValue(schema, path),
        _ => ArrayValue(schema, path),
    };

    private GrammarNode Literals(IReadOnlyList<JsonElement> values, List<string> types, JsonElement schema, string keyword, string path)
    {
        foreach (var property in schema.EnumerateObject())
            if (property.Name is not ("type" or "enum" or "const") && !Annotations.Contains(property.Name))
                throw UnsupportedSchemaException.Keyword(property.Name, path, $"it cannot be combined with '{keyword}'");
        var kept = values.Where(v => types.Count == 0 || types.Any(t => HasType(v, t))).ToList();
        if (kept.Count == 0)
            throw UnsupportedSchemaException.Invalid($"{path}/{keyword}", $"no {keyword} value has the schema's type");
        return Any([.. kept.Select(v => (GrammarNode)new Bytes(JsonSerializer.SerializeToUtf8Bytes(v, Compact)))]);
    }

    private static bool HasType(JsonElement value, string type) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d) && decimal.Truncate(d) == d,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        "object" => value.ValueKind == JsonValueKind.Object,
        _ => value.ValueKind == JsonValueKind.Array,
    };

    private GrammarNode Alternatives(JsonElement options, string path, string keyword)
    {
        if (options.ValueKind != JsonValueKind.Array || options.GetArrayLength() == 0)
            throw UnsupportedSchemaException.Invalid(path, $"{keyword} must be a non-empty array of schemas");
        var nodes = new List<GrammarNode>();
        var i = 0;
        foreach (var option in options.EnumerateArray())
            nodes.Add(Value(option, $"{path}/{i++}"));
        return new Call(_builder.AddRule(Any([.. nodes])));
    }

    // oneOf is generated as anyOf, which is sound only when no value can match two alternatives.
    private void CheckDisjoint(JsonElement options, string path)
    {
        if (options.ValueKind != JsonValueKind.Array)
            throw UnsupportedSchemaException.Invalid(path, "oneOf must be a non-empty array of schemas");
        var list = options.EnumerateArray().Select(o => Resolve(o)).ToList();
        for (var a = 0; a < list.Count; a++)
            for (var b = a + 1; b < list.Count; b++)
                if (!OneOfRules.Disjoint(list[a], list[b]))
                    throw UnsupportedSchemaException.Keyword("oneOf", path,
                        $"alternatives {a} and {b} may both match one value; use anyOf, or make them differ by type, by a const/enum property, or by a required property the other does not allow");
    }

    private JsonElement Resolve(JsonElement schema)
    {
        for (var hops = 0; hops < 32 && schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var r) && r.ValueKind == JsonValueKind.String; hops++)
            schema = Pointer(r.GetString()!, "");
        return schema;
    }

    private GrammarNode Reference(JsonElement reference, string path)
    {
        if (reference.ValueKind != JsonValueKind.String)
            throw UnsupportedSchemaException.Invalid($"{path}/$ref", "$ref must be a string");
        var target = reference.GetString()!;
        if (_refRules.TryGetValue(target, out var rule))
        {
            if (_resolving.Contains(target) && !_builder.IsDefined(rule) && IsPureReferenceCycle(target))
                throw UnsupportedSchemaException.Keyword("$ref", path, $"'{target}' refers to itself without any value in between");
            return new Call(rule);
        }
        var schema = Pointer(target, path);
        rule = _builder.DeclareRule();
        _refRules[target] = rule;
        _resolving.Add(target);
        _builder.DefineRule(rule, Value(schema, target.TrimStart('#')));
        _resolving.Remove(target);
        return new Call(rule);
    }

    private bool IsPureReferenceCycle(string target)
    {
        var schema = Pointer(target, "");
        return schema.ValueKind == JsonValueKind.Object && (schema.TryGetProperty("$ref", out _) || schema.TryGetProperty("anyOf", out _)
            || schema.TryGetProperty("oneOf", out _) || schema.TryGetProperty("allOf", out _));
    }

    private JsonElement Pointer(string target, string path)
    {
        if (!target.StartsWith('#'))
            throw UnsupportedSchemaException.Keyword("$ref", path, $"only references inside the schema ('#/$defs/…') are supported, not '{target}'");
        var node = _root;
        foreach (var raw in target[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var part = Uri.UnescapeDataString(raw).Replace("~1", "/").Replace("~0", "~");
            if (node.ValueKind == JsonValueKind.Object && node.TryGetProperty(part, out var child))
                node = child;
            else if (node.ValueKind == JsonValueKind.Array && int.TryParse(part, out var index) && index >= 0 && index < node.GetArrayLength())
                node = node[index];
            else
                throw UnsupportedSchemaException.Invalid($"{path}/$ref", $"'{target}' does not point to anything in the schema");
        }
        return node;
    }

    private GrammarNode StringValue(JsonElement schema, string path)
    {
        var min = Count(schema, "minLength", path) ?? 0;
        var max = Count(schema, "maxLength", path) ?? Repeat.Unbounded;
        if (max != Repeat.Unbounded && max < min)
            throw UnsupportedSchemaException.Invalid($"{path}/maxLength", "maxLength is below minLength");
        if (schema.TryGetProperty("pattern", out var pattern))
        {
            if (pattern.ValueKind != JsonValueKind.String)
                throw UnsupportedSchemaException.Invalid($"{path}/pattern", "pattern must be a string");
            if (min != 0 || max != Repeat.Unbounded)
                throw UnsupportedSchemaException.Keyword(min != 0 ? "minLength" : "maxLength", path, "it cannot be combined with 'pattern'; put the length in the pattern");
            return Seq(Text("\""), RegexSubset.Compile(pattern.GetString()!, jsonString: true), Text("\""));
        }
        if (min == 0 && max == Repeat.Unbounded)
            return _parts.AnyString;
        return JsonGrammarParts.QuotedString(min, max);
    }

    private static GrammarNode IntegerValue(JsonElement schema, string path)
    {
        decimal? low = Bound(schema, "minimum", path), high = Bound(schema, "maximum", path);
        if (Bound(schema, "exclusiveMinimum", path) is { } exMin)
            low = Math.Max(low ?? decimal.MinValue, decimal.Floor(exMin) + 1);
        if (Bound(schema, "exclusiveMaximum", path) is { } exMax)
            high = Math.Min(high ?? decimal.MaxValue, decimal.Ceiling(exMax) - 1);
        if (low is null && high is null)
            return JsonGrammarParts.Integer;
        var lo = low is { } l ? decimal.Ceiling(l) : -IntegerRange.Limit;
        var hi = high is { } h ? decimal.Floor(h) : IntegerRange.Limit;
        if (lo > IntegerRange.Limit || hi < -IntegerRange.Limit)
            throw UnsupportedSchemaException.Keyword(low is not null && lo > IntegerRange.Limit ? "minimum" : "maximum", path, $"integer bounds beyond ±{IntegerRange.Limit} are not supported");
        lo = Math.Max(lo, -IntegerRange.Limit);
        hi = Math.Min(hi, IntegerRange.Limit);
        if (lo > hi)
            throw UnsupportedSchemaException.Invalid(path, "no integer lies between the bounds");
        return IntegerRange.Build((long)lo, (long)hi);
    }

    private static GrammarNode NumberValue(JsonElement schema, string path)
    {
        foreach (var keyword in NumberKeywords)
            if (schema.TryGetProperty(keyword, out _))
                throw UnsupportedSchemaException.Keyword(keyword, path, "bounds are supported on 'integer', not 'number'");
        return JsonGrammarParts.Number;
    }

    private GrammarNode ObjectValue(JsonElement schema, string path)
    {
        var properties = new List<(string Name, JsonElement Schema)>();
        if (schema.TryGetProperty("properties", out var declared))
        {
            if (declared.ValueKind != JsonValueKind.Object)
                throw UnsupportedSchemaException.Invalid($"{path}/properties", "properties must be an object");
            properties.AddRange(declared.EnumerateObject().Select(p => (p.Name, p.Value)));
        }
        var required = new HashSet<string>();
        if (schema.TryGetProperty("required", out var names))
        {
            if (names.ValueKind != JsonValueKind.Array || names.EnumerateArray().Any(n => n.ValueKind != JsonValueKind.String))
                throw UnsupportedSchemaException.Invalid($"{path}/required", "required must be an array of strings");
            foreach (var name in names.EnumerateArray())
            {
                if (!properties.Any(p => p.Name == name.GetString()))
                    throw UnsupportedSchemaException.Keyword("required", path, $"required property '{name.GetString()}' has no schema in 'properties'");
                required.Add(name.GetString()!);
            }
        }
        var extra = schema.TryGetProperty("additionalProperties", out var additional) ? additional : (JsonElement?)null;
        if (properties.Count == 0)
        {
            // No declared properties: closed under strict (OpenAI's rule) or when additionalProperties is false, else a map.
            if (extra is { ValueKind: JsonValueKind.False } || (extra is null && _strict))
                return Seq(Text("{"), JsonGrammarParts.Whitespace, Text("}"));
            var valueNode = extra is { ValueKind: JsonValueKind.Object } valueSchema ? Value(valueSchema, $"{path}/additionalProperties") : _parts.AnyValue;
            return new Call(_builder.AddRule(JsonGrammarParts.ObjectOf(_parts.AnyString, valueNode)));
        }
        if (extra is { ValueKind: not (JsonValueKind.True or JsonValueKind.False) })
            throw UnsupportedSchemaException.Keyword("additionalProperties", path, "a schema for additional properties beside declared 'properties' is not supported");
        var members = properties.Select(p => (Required: required.Contains(p.Name), Member: Member(p.Name, p.Schema, $"{path}/properties/{Escape(p.Name)}"))).ToList();
        return new Call(_builder.AddRule(Seq(Text("{"), JsonGrammarParts.Whitespace, OrderedMembers(members), Text("}"))));
    }

    private GrammarNode Member(string name, JsonElement schema, string path)
    {
        var key = JsonSerializer.SerializeToUtf8Bytes(name, Compact);
        var value = new Call(_builder.AddRule(Value(schema, path)));
        return Seq(new Bytes(key), JsonGrammarParts.Whitespace, Text(":"), JsonGrammarParts.Whitespace, value, JsonGrammarParts.Whitespace);
    }

    // Members in declaration order; optional ones may be left out, and commas go only between members written.
    private static GrammarNode OrderedMembers(List<(bool Required, GrammarNode Member)> members)
    {
        var comma = Seq(Text(","), JsonGrammarParts.Whitespace);
        var firstRequired = members.FindIndex(m => m.Required);
        var k = firstRequired < 0 ? members.Count : firstRequired;
        // After member k (the first required one) a comma always precedes the next member written.
        var tail = new List<GrammarNode>();
        for (var i = k + 1; i < members.Count; i++)
            tail.Add(members[i].Required ? Seq(comma, members[i].Member) : Optional(Seq(comma, members[i].Member)));
        // Before it, the first member written may be any optional one, or member k itself, or (with none required) none at all.
        var heads = new List<GrammarNode>();
        for (var j = 0; j <= k && j < members.Count; j++)
        {
            var head = new List<GrammarNode> { members[j].Member };
            for (var i = j + 1; i < k; i++)
                head.Add(Optional(Seq(comma, members[i].Member)));
            if (j < k && k < members.Count)
                head.Add(Seq(comma, members[k].Member));
            heads.Add(Seq([.. head]));
        }
        if (k == members.Count)
            heads.Add(Empty);
        return Seq(Any([.. heads]), Seq([.. tail]));
    }

    private GrammarNode ArrayValue(JsonElement schema, string path)
    {
        var min = Count(schema, "minItems", path) ?? 0;
        var max = Count(schema, "maxItems", path) ?? Repeat.Unbounded;
        if (max != Repeat.Unbounded && max < min)
            throw UnsupportedSchemaException.Invalid($"{path}/maxItems", "maxItems is below minItems");
        if (schema.TryGetProperty("uniqueItems", out var unique) && unique.ValueKind != JsonValueKind.False)
            throw UnsupportedSchemaException.Keyword("uniqueItems", path, "only uniqueItems: false is supported");
        if (min > RegexSubset.MaxRepeat || max > RegexSubset.MaxRepeat)
            throw UnsupportedSchemaException.Keyword(min > RegexSubset.MaxRepeat ? "minItems" : "maxItems", path, $"item counts above {RegexSubset.MaxRepeat} are not supported");
        GrammarNode item;
        if (!schema.TryGetProperty("items", out var items))
            item = _parts.AnyValue;
        else if (items.ValueKind == JsonValueKind.False)
        {
            if (min > 0)
                throw UnsupportedSchemaException.Invalid(path, "items: false admits no item, but minItems asks for some");
            max = 0;
            item = Empty;
        }
        else if (items.ValueKind == JsonValueKind.Array)
            throw UnsupportedSchemaException.Keyword("items", path, "tuple-style items (an array of schemas) are not supported");
        else
            item = new Call(_builder.AddRule(Value(items, $"{path}/items")));
        return new Call(_builder.AddRule(JsonGrammarParts.ArrayOf(item, min, max)));
    }

    private static int? Count(JsonElement schema, string keyword, string path)
    {
        if (!schema.TryGetProperty(keyword, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var count) || count < 0)
            throw UnsupportedSchemaException.Invalid($"{path}/{keyword}", $"{keyword} must be a non-negative integer");
        if (count > 100_000)
            throw UnsupportedSchemaException.Keyword(keyword, path, "counts above 100000 are not supported");
        return count;
    }

    private static decimal? Bound(JsonElement schema, string keyword, string path)
    {
        if (!schema.TryGetProperty(keyword, out var value))
            return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var bound))
            throw UnsupportedSchemaException.Keyword(keyword, path, "only numeric bounds are supported");
        return bound;
    }

    private static string Escape(string name) => name.Replace("~", "~0").Replace("/", "~1");
}
