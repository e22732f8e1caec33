using Platform.Engine.Structured;
using static Platform.Engine.Tests.Structured.GrammarAcceptance;

namespace Platform.Engine.Tests.Structured;

public class JsonSchemaCompilerTests
{
    [Theory]
    [InlineData("""{"type":"string","format":"email"}""", "unsupported JSON Schema keyword 'format' at /")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"number","multipleOf":2}}}""", "unsupported JSON Schema keyword 'multipleOf' at /properties/a")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"number","minimum":0}}}""", "unsupported JSON Schema keyword 'minimum' at /properties/a")]
    [InlineData("""{"type":"array","items":{"type":"string"},"uniqueItems":true}""", "unsupported JSON Schema keyword 'uniqueItems' at /")]
    [InlineData("""{"type":"object","patternProperties":{"^a":{}}}""", "unsupported JSON Schema keyword 'patternProperties' at /")]
    [InlineData("""{"oneOf":[{"type":"integer"},{"type":"number"}]}""", "unsupported JSON Schema keyword 'oneOf' at /oneOf")]
    [InlineData("""{"allOf":[{"type":"integer"},{"minimum":1}]}""", "unsupported JSON Schema keyword 'allOf' at /")]
    [InlineData("""{"$ref":"https://example.com/s.json"}""", "unsupported JSON Schema keyword '$ref' at /")]
    [InlineData("""{"type":"string","pattern":"(?=a)b"}""", "look-around")]
    [InlineData("""{"type":"string","pattern":"\\bword"}""", "the escape '\\b' is not supported")]
    [InlineData("""{"type":"string","pattern":"a+","maxLength":3}""", "unsupported JSON Schema keyword 'maxLength' at /")]
    [InlineData("""{"type":"object","properties":{"a":{}},"required":["b"]}""", "required property 'b' has no schema")]
    [InlineData("""{"type":"object","properties":{"a":{}},"additionalProperties":{"type":"integer"}}""", "unsupported JSON Schema keyword 'additionalProperties'")]
    [InlineData("""{"$defs":{"a":{"$ref":"#/$defs/a"}},"$ref":"#/$defs/a"}""", "refers to itself")]
    public void UnsupportedKeywordsAreRefusedNamingTheKeywordAndWhereItIs(string schema, string message)
    {
        var error = Assert.Throws<OutputFormatException>(() => StructuredOutputs.Grammar(Schema(schema)));
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("""{"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"string"}},"required":["a"]}""", """{"a":1,"b":"x"}""", true)]
    [InlineData("""{"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"string"}},"required":["a"]}""", """{"a":1}""", true)]
    [InlineData("""{"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"string"}},"required":["a"]}""", """{"b":"x"}""", false)]
    [InlineData("""{"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"string"}}}""", """{}""", true)]
    [InlineData("""{"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"string"}}}""", """{"b":"x"}""", true)]
    [InlineData("""{"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"string"}}}""", """{,"b":"x"}""", false)]
    [InlineData("""{"type":"object","properties":{"a":{"type":"integer"}}}""", """{"a":1,"z":2}""", false)]
    [InlineData("""{"type":"integer","minimum":-12,"maximum":305}""", "-12", true)]
    [InlineData("""{"type":"integer","minimum":-12,"maximum":305}""", "305", true)]
    [InlineData("""{"type":"integer","minimum":-12,"maximum":305}""", "306", false)]
    [InlineData("""{"type":"integer","minimum":-12,"maximum":305}""", "-13", false)]
    [InlineData("""{"type":"integer","minimum":-12,"maximum":305}""", "007", false)]
    [InlineData("""{"type":"integer","exclusiveMinimum":0,"exclusiveMaximum":10}""", "0", false)]
    [InlineData("""{"type":"integer","exclusiveMinimum":0,"exclusiveMaximum":10}""", "9", true)]
    [InlineData("""{"type":"number"}""", "-0.5e+12", true)]
    [InlineData("""{"type":"number"}""", "01", false)]
    [InlineData("""{"type":"string","minLength":2,"maxLength":3}""", "\"é\\n\"", true)]
    [InlineData("""{"type":"string","minLength":2,"maxLength":3}""", "\"abcd\"", false)]
    [InlineData("""{"type":"string"}""", "\"a\\u00e9\\\"\"", true)]
    [InlineData("""{"type":"string"}""", "\"tab\there\"", false)]
    [InlineData("""{"type":"string","pattern":"^\\d{3}-[a-z]+$"}""", "\"123-abc\"", true)]
    [InlineData("""{"type":"string","pattern":"^\\d{3}-[a-z]+$"}""", "\"12-abc\"", false)]
    [InlineData("""{"type":"string","pattern":"a\"b"}""", "\"a\\\"b\"", true)]
    [InlineData("""{"type":"array","items":{"type":"boolean"},"minItems":1,"maxItems":2}""", "[]", false)]
    [InlineData("""{"type":"array","items":{"type":"boolean"},"minItems":1,"maxItems":2}""", "[true, false]", true)]
    [InlineData("""{"type":"array","items":{"type":"boolean"},"minItems":1,"maxItems":2}""", "[true,false,true]", false)]
    [InlineData("""{"enum":["a",{"b":[1,2]},null]}""", """{"b":[1,2]}""", true)]
    [InlineData("""{"type":"string","enum":["a",1]}""", "1", false)]
    [InlineData("""{"const":"x"}""", "\"x\"", true)]
    [InlineData("""{"anyOf":[{"type":"integer"},{"type":"object","properties":{"k":{"const":1}},"required":["k"]}]}""", """{"k":1}""", true)]
    [InlineData("""{"oneOf":[{"type":"object","properties":{"t":{"const":"a"}},"required":["t"]},{"type":"object","properties":{"t":{"const":"b"},"x":{"type":"integer"}},"required":["t","x"]}]}""", """{"t":"b","x":3}""", true)]
    [InlineData("""{"type":["integer","null"]}""", "null", true)]
    [InlineData("""{"$defs":{"node":{"type":"object","properties":{"next":{"anyOf":[{"$ref":"#/$defs/node"},{"type":"null"}]}},"required":["next"]}},"$ref":"#/$defs/node"}""", """{"next":{"next":{"next":null}}}""", true)]
    [InlineData("""{"type":"object"}""", """{"any":[1,{"x":null}]}""", false)]
    public void TheGrammarAcceptsExactlyTheValidTexts(string schema, string text, bool accepted)
    {
        Assert.Equal(accepted, Accepts(Schema(schema), text));
    }

    [Fact]
    public void WithoutStrictAnObjectWithoutPropertiesIsAnyObject()
    {
        Assert.True(Accepts(Schema("""{"type":"object"}""", strict: false), """{"any":[1,{"x":null}]}"""));
        Assert.True(Accepts(Schema("""{"type":"object"}""", strict: true), "{ }"));
        Assert.True(Accepts(Schema("""{"type":"object","additionalProperties":{"type":"integer"}}"""), """{"a":1,"b":2}"""));
    }

    [Fact]
    public void JsonObjectModeAcceptsAnyObjectAndNothingElse()
    {
        var format = new OutputFormat { Kind = OutputFormatKind.JsonObject };
        Assert.True(Accepts(format, """ {"a":[1,2.5,"x",true,null,{"b":{}}]}"""));
        Assert.False(Accepts(format, "[1]"));
        Assert.False(Accepts(format, "{\"a\":1} "));
        Assert.False(Accepts(format, "{" + new string(' ', 13) + "}"));
    }
}
