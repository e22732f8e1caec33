using System.Diagnostics;

namespace Platform.Kernels.Diagnostics;

/// <summary>
/// Process-wide wall time per <see cref="KernelKind"/>, split into decode-only steps and steps with prefill tokens.
/// Off by default: then <see cref="Start"/> is one branch and no clock read. Meant for one runner thread at a time
/// (the benchmark); concurrent runners would mix their figures.
/// </summary>
public static class KernelProfile
{
    private static readonly int Kinds = Enum.GetValues<KernelKind>().Length;
    private static readonly long[] Ticks = new long[2 * Kinds];
    private static readonly long[] Calls = new long[2 * Kinds];
    private static readonly long[] StepCounts = new long[2];
    private static readonly long[] StepTokens = new long[2];
    private static readonly long[] StepTicks = new long[2];
    private static int _phase;
    private static long _stepStart;

    /// <summary>Whether spans are recorded.</summary>
    public static bool Enabled { get; set; }

    /// <summary>Opens a forward step of <paramref name="tokens"/> tokens; decode-only when every sequence brings one token.</summary>
    public static void BeginStep(bool decodeOnly, int tokens)
    {
        if (!Enabled) return;
        _phase = decodeOnly ? 0 : 1;
        StepCounts[_phase]++;
        StepTokens[_phase] += tokens;
        _stepStart = Stopwatch.GetTimestamp();
    }

    /// <summary>Closes the step opened by <see cref="BeginStep"/> (sampling after it is timed on its own).</summary>
    public static void EndStep()
    {
        if (!Enabled) return;
        StepTicks[_phase] += Stopwatch.GetTimestamp() - _stepStart;
    }

    /// <summary>A timestamp to pass to <see cref="Stop"/>, or 0 when off.</summary>
    public static long Start() => Enabled ? Stopwatch.GetTimestamp() : 0;

    /// <summary>Adds the time since <paramref name="start"/> to <paramref name="kind"/> in the current step's phase.</summary>
    public static void Stop(KernelKind kind, long start)
    {
        if (!Enabled) return;
        var i = _phase * Kinds + (int)kind;
        Ticks[i] += Stopwatch.GetTimestamp() - start;
        Calls[i]++;
    }

    /// <summary>As <see cref="Stop"/>, returning the stop time as the next span's start (consecutive spans, one clock read each).</summary>
    public static long Lap(KernelKind kind, long start)
    {
        if (!Enabled) return 0;
        var now = Stopwatch.GetTimestamp();
        var i = _phase * Kinds + (int)kind;
        Ticks[i] += now - start;
        Calls[i]++;
        return now;
    }

    /// <summary>Forgets everything recorded so far.</summary>
    public static void Reset()
    {
        Array.Clear(Ticks);
        Array.Clear(Calls);
        Array.Clear(StepCounts);
        Array.Clear(StepTokens);
        Array.Clear(StepTicks);
    }

    /// <summary>Writes one table per phase that saw steps: per kind calls, total and per-step milliseconds, share of forward time.</summary>
    public static void Write(TextWriter output)
    {
        for (var phase = 0; phase < 2; phase++)
        {
            var steps = StepCounts[phase];
            if (steps == 0) continue;
            var forwardMs = StepTicks[phase] * 1000.0 / Stopwatch.Frequency;
            output.WriteLine($"profile, {(phase == 0 ? "decode-only steps" : "steps with prefill")}: {steps} steps, {StepTokens[phase] / (double)steps:F1} tokens/step, forward {forwardMs / steps:F3} ms/step");
            output.WriteLine($"  {"kernel",-18} {"calls/step",10} {"ms/step",9} {"µs/call",9} {"% fwd",6}");
            long timed = 0;
            for (var k = 0; k < Kinds; k++)
            {
                var i = phase * Kinds + k;
                if (Calls[i] == 0) continue;
                if ((KernelKind)k is not (KernelKind.Quantize or KernelKind.Sampling)) timed += Ticks[i];
                WriteRow(output, ((KernelKind)k).ToString(), Calls[i], Ticks[i], steps, forwardMs);
            }
            WriteRow(output, "(untimed rest)", 0, StepTicks[phase] - timed, steps, forwardMs);
        }
    }

    private static void WriteRow(TextWriter output, string name, long calls, long ticks, long steps, double forwardMs)
    {
        var ms = ticks * 1000.0 / Stopwatch.Frequency;
        var perCall = calls == 0 ? "" : $"{ms * 1000 / calls:F1}";
        output.WriteLine($"  {name,-18} {calls / (double)steps,10:F1} {ms / steps,9:F3} {perCall,9} {100 * ms / forwardMs,6:F1}");
    }
}
