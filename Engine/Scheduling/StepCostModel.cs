namespace Platform.Engine.Scheduling;

/// <summary>
/// What a step costs as a function of its tokens, t = fixed + perToken x tokens, learnt online by exponentially
/// weighted least squares over the steps' measured durations. Only the ratio fixed / perToken (the fixed cost in
/// tokens) matters to the scheduler: it turns "at most k times the decode-only step" into a token count.
/// </summary>
public sealed class StepCostModel
{
    // About 100 steps of memory: long enough to span decode-only, mixed and prefill-heavy steps, short enough to follow load.
    private const double Decay = 0.99;
    // Below this weighted spread of step sizes (in tokens) the intercept is noise, and the prior stands.
    private const double MinSpreadTokens = 4;

    private readonly double _priorFixedCostTokens;
    private readonly double _maxFixedCostTokens;
    private double _w, _n, _nn, _t, _nt;

    /// <summary>Starts from <paramref name="priorFixedCostTokens"/> and never estimates above <paramref name="maxFixedCostTokens"/>.</summary>
    public StepCostModel(double priorFixedCostTokens, double maxFixedCostTokens)
    {
        _priorFixedCostTokens = priorFixedCostTokens;
        _maxFixedCostTokens = maxFixedCostTokens;
        FixedCostTokens = priorFixedCostTokens;
    }

    /// <summary>The step's fixed cost (weights read, launch, sampling set-up) in tokens' worth of per-token cost.</summary>
    public double FixedCostTokens { get; private set; }

    /// <summary>Adds one step of <paramref name="tokens"/> tokens that took <paramref name="seconds"/>.</summary>
    public void Observe(int tokens, double seconds)
    {
        if (tokens <= 0 || !(seconds > 0) || double.IsInfinity(seconds))
            return;
        _w = _w * Decay + 1;
        _n = _n * Decay + tokens;
        _nn = _nn * Decay + (double)tokens * tokens;
        _t = _t * Decay + seconds;
        _nt = _nt * Decay + tokens * seconds;
        FixedCostTokens = Estimate();
    }

    private double Estimate()
    {
        var variance = _nn / _w - (_n / _w) * (_n / _w);
        if (variance < MinSpreadTokens * MinSpreadTokens)
            return _priorFixedCostTokens;
        var perToken = (_nt / _w - (_n / _w) * (_t / _w)) / variance;
        if (!(perToken > 0))
            return _priorFixedCostTokens;
        var fixedCost = _t / _w - perToken * (_n / _w);
        return Math.Clamp(fixedCost / perToken, 0, _maxFixedCostTokens);
    }
}
