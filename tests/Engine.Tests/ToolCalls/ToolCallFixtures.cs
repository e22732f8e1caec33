namespace Platform.Engine.Tests.ToolCalls;

/// <summary>
/// Model outputs in each family's tool-call format, written for these tests from the formats' public descriptions
/// (Meta's Llama 3.1 prompt format, Qwen's function-calling guide, Mistral's function-calling docs).
/// </summary>
internal static class ToolCallFixtures
{
    public const string HermesSingle =
        "<tool_call>\n{\"name\": \"find_trains\", \"arguments\": {\"from\": \"Lyon\", \"to\": \"Turin\", \"seats\": 2}}\n</tool_call>";

    public const string HermesTwoWithText =
        "Let me check both cities.\n<tool_call>\n{\"name\": \"air_quality\", \"arguments\": {\"city\": \"Oslo\"}}\n</tool_call>\n" +
        "<tool_call>\n{\"arguments\": {\"city\": \"Bergen\", \"units\": [\"pm10\", \"pm2_5\"]}, \"name\": \"air_quality\"}\n</tool_call>";

    public const string HermesMalformed =
        "Trying: <tool_call>\n{\"name\": \"air_quality\", \"arguments\": {\"city\": }\n</tool_call>";

    public const string LlamaBare =
        "{\"name\": \"convert_currency\", \"parameters\": {\"amount\": 12.5, \"from\": \"EUR\", \"to\": \"JPY\"}}";

    public const string LlamaTaggedSeveral =
        "I will look both up.<|python_tag|>{\"name\": \"stock_price\", \"parameters\": {\"symbol\": \"ACME\"}}; " +
        "{\"name\": \"stock_price\", \"parameters\": {\"symbol\": \"INIT\", \"note\": \"a; b {c}\"}}";

    public const string LlamaMalformed =
        "{\"name\": \"stock_price\", \"parameters\": {symbol: ACME}}";

    public const string MistralWithIds =
        "[TOOL_CALLS] [{\"name\": \"book_room\", \"arguments\": {\"hotel\": \"Le Petit\", \"nights\": 3}, \"id\": \"a1b2c3d4e\"}, " +
        "{\"name\": \"send_sms\", \"arguments\": {\"to\": \"+331234\", \"text\": \"booked \\\"ok\\\"\"}, \"id\": \"Z9y8X7w6v\"}]";

    public const string MistralNoIdsAfterText =
        "Sure.[TOOL_CALLS] [{\"name\": \"weather_now\", \"arguments\": {\"place\": \"Nice\"}}]";

    public const string MistralMalformed =
        "[TOOL_CALLS] [{\"name\": \"weather_now\", \"arguments\": [\"Nice\"]}]";
}
