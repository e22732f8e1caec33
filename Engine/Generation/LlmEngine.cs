using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Platform.Engine.Cache;
using Platform.Engine.Models;
using Platform.Engine.Runner;
using Platform.Engine.Structured;
using Platform.Engine.Tokenizers;

namespace Platform.Engine.Generation;

/// <summary>
/// The LLM engine: requests stream in through <see cref="GenerateAsync"/>, one dedicated thread batches them
/// continuously through the model runner, and each request's tokens stream back through its own bounded channel.
/// </summary>
public sealed class LlmEngine : IDisposable
{
    private readonly IModelRunner _runner;
    private readonly bool _ownsRunner;
    private readonly EngineCore _core;
    private readonly RequestFactory _requests;
    private readonly ConcurrentQueue<RequestState> _submissions = new();
    private readonly ConcurrentQueue<RequestState> _cancellations = new();
    private readonly ManualResetEventSlim _wake = new(false);
    private readonly object _gate = new();
    private readonly Thread _thread;
    private volatile EngineStats _stats;
    private volatile bool _stopping;
    private bool _exited;
    private int _disposed;
    private Exception? _failure;

    /// <summary>Creates an engine over <paramref name="model"/>; the runner (and its KV pool) is created here and owned by the engine.</summary>
    public LlmEngine(LoadedModel model, ITokenizer? tokenizer, EngineOptions options)
        : this(model.CreateRunner(KvOptions(options)), model.Config, tokenizer, options with { ModelId = options.ModelId ?? model.ModelPath }, ownsRunner: true)
    {
    }

    /// <summary>Creates an engine over an existing runner (not disposed with the engine unless <paramref name="ownsRunner"/>).</summary>
    public LlmEngine(IModelRunner runner, ModelConfig config, ITokenizer? tokenizer, EngineOptions options, bool ownsRunner = false)
    {
        _runner = runner;
        _ownsRunner = ownsRunner;
        Config = config;
        Tokenizer = tokenizer;
        Options = options;
        StructuredOutputs = tokenizer is null ? null : new StructuredOutputs(tokenizer, runner.VocabSize);
        KvCache = new KvCacheLayout(runner.NumBlocks, runner.BlockSize, runner.BytesPerBlock, runner.KvCacheDtype);
        MaxModelLength = (int)Math.Min(Math.Min(config.MaxPositionEmbeddings, KvCache.TotalTokens), options.MaxModelLength ?? int.MaxValue);
        _core = new EngineCore(runner, options, options.ModelId ?? "model");
        _requests = new RequestFactory(config, tokenizer, runner.VocabSize, MaxModelLength, options.OutputBufferSize);
        _stats = _core.Snapshot();
        _thread = new Thread(Run) { IsBackground = true, Name = "llm-engine" };
        _thread.Start();
    }

    /// <summary>The model's configuration.</summary>
    public ModelConfig Config { get; }

    /// <summary>The tokenizer, or null for an engine that takes token ids only.</summary>
    public ITokenizer? Tokenizer { get; }

    /// <summary>Compiles output formats against this model's vocabulary (null without a tokenizer).</summary>
    public StructuredOutputs? StructuredOutputs { get; }

    /// <summary>The engine's settings.</summary>
    public EngineOptions Options { get; }

    /// <summary>The chained hash of an empty prefix: a prompt's block keys chain from it (<see cref="BlockHasher.ChainKeys"/>).</summary>
    public ulong PrefixRootKey => BlockHasher.RootKey(Options.ModelId ?? "model");

    /// <summary>
    /// Blocks that became cached or were evicted since the last call (see <see cref="PrefixCacheJournal.Drain"/>); empty
    /// with prefix caching off.
    /// </summary>
    public (bool Reset, List<PrefixCacheChange> Changes) DrainPrefixCacheChanges() => _core.PrefixJournal?.Drain() ?? (false, []);

    /// <summary>The KV block pool this engine allocated.</summary>
    public KvCacheLayout KvCache { get; }

    /// <summary>Longest sequence (prompt plus output) a request may reach: model context, KV pool and configured cap.</summary>
    public int MaxModelLength { get; }

    /// <summary>
    /// Submits a request and streams its events; the last one carries the finish reason and usage. Throws
    /// <see cref="RequestRejectedException"/> (on the first move) for requests that cannot run. Cancelling
    /// <paramref name="cancellationToken"/> or abandoning the enumeration frees the request's KV blocks at the next step.
    /// </summary>
    public async IAsyncEnumerable<TokenEvent> GenerateAsync(GenerationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var state = _requests.Create(request);
        Submit(state);
        var finished = false;
        try
        {
            using var registration = cancellationToken.Register(() => Cancel(state));
            var reader = state.Events;
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var tokenEvent))
                {
                    if (state.WaitingForReader)
                    {
                        state.WaitingForReader = false;
                        _wake.Set();
                    }
                    finished = tokenEvent.IsFinal;
                    yield return tokenEvent;
                    if (finished)
                        yield break;
                }
            }
        }
        finally
        {
            if (!finished)
                Cancel(state);
        }
    }

    /// <summary>A snapshot of the engine's counters, refreshed after every step.</summary>
    public EngineStats GetStats() => _stats;

    /// <summary>Stops the engine thread; requests still running end with <see cref="FinishReason.Abort"/>.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
            return;
        _stopping = true;
        _wake.Set();
        if (Thread.CurrentThread != _thread)
            _thread.Join();
        if (_ownsRunner)
            _runner.Dispose();
    }

    private static KvCacheOptions KvOptions(EngineOptions options) =>
        new() { BlockSize = options.BlockSize, MemoryBytes = options.KvCacheMemoryBytes, NumBlocks = options.NumKvBlocks, Dtype = options.KvCacheDtype };

    private void Submit(RequestState state)
    {
        lock (_gate)
        {
            if (_exited)
                throw new RequestRejectedException(RequestRejectedException.EngineUnavailable,
                    _failure is null ? "The engine is shut down." : $"The engine failed: {_failure.Message}", _failure);
            _submissions.Enqueue(state);
        }
        _wake.Set();
    }

    private void Cancel(RequestState state)
    {
        state.CancelRequested = true;
        _cancellations.Enqueue(state);
        _wake.Set();
    }

    private void Run()
    {
        try
        {
            while (!_stopping)
            {
                _wake.Reset();
                Drain();
                var worked = _core.Step();
                _stats = _core.Snapshot();
                if (!worked && !_stopping)
                    _wake.Wait();
            }
        }
        catch (Exception error)
        {
            _failure = error;
        }
        lock (_gate)
            _exited = true;
        Drain();
        _core.EndAll(_failure);
        _stats = _core.Snapshot();
    }

    private void Drain()
    {
        while (_submissions.TryDequeue(out var state))
        {
            if (state.CancelRequested)
            {
                state.Drop();
                continue;
            }
            try
            {
                _core.Add(state);
            }
            catch (ArgumentException error)
            {
                state.Fail(new RequestRejectedException(RequestRejectedException.ContextLengthExceeded, error.Message, error));
            }
        }
        while (_cancellations.TryDequeue(out var state))
            _core.Cancel(state);
    }
}
