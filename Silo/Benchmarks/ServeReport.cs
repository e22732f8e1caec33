namespace Platform.Silo.Benchmarks;

/// <summary>Prints `platform bench serve`'s table: one row per concurrency level, with output tokens/s relative to the first level.</summary>
public static class ServeReport
{
    public static void Write(TextWriter output, string model, ServeBenchmarkOptions options, IReadOnlyList<ServeLevelResult> levels)
    {
        output.WriteLine($"model {model}: streaming {(options.Chat ? "/v1/chat/completions" : "/v1/completions")}, ~{options.PromptTokens} prompt tokens, " +
                         $"max_tokens {options.MaxTokens}, temperature 0, {options.RequestsPerClient} requests per client");
        output.WriteLine($"{"clients",7} {"reqs",5} {"prompt",6} {"out tok",8} {"wall s",7} {"out tok/s",9} {"req/s",6} {"TTFT mean",9} {"p50",7} {"p99",7} {"ITL mean",8} {"p50",7} {"p99",7} {"p99/p50",7} {"vs first",8}");
        var baseline = levels[0].OutputTokensPerSecond;
        foreach (var l in levels)
            output.WriteLine($"{l.Concurrency,7} {l.Requests,5} {l.MeanPromptTokens,6} {l.CompletionTokens,8} {l.WallSeconds,7:F2} {l.OutputTokensPerSecond,9:F1} {l.RequestsPerSecond,6:F2} " +
                             $"{Ms(l.MeanTimeToFirstTokenSeconds),9} {Ms(l.P50TimeToFirstTokenSeconds),7} {Ms(l.P99TimeToFirstTokenSeconds),7} {Ms(l.MeanInterTokenSeconds),8} {Ms(l.P50InterTokenSeconds),7} {Ms(l.P99InterTokenSeconds),7} {Ratio(l.P99InterTokenSeconds, l.P50InterTokenSeconds),7} " +
                             $"{l.OutputTokensPerSecond / baseline,7:F2}x");
        output.WriteLine("prompt = mean usage.prompt_tokens the server counted; TTFT and ITL in ms (ITL: time between tokens, streamed with logprobs so each token is an event; p99/p50: how much a prefill step stretches a stream's gap).");
    }

    private static string Ratio(double over, double under) => double.IsNaN(over) || double.IsNaN(under) || under <= 0 ? "-" : $"{over / under:F2}x";

    private static string Ms(double seconds) => double.IsNaN(seconds) ? "-" : $"{seconds * 1000:F1}";
}
