using Platform.Engine.Models;
using Platform.Engine.Sampling;
using Platform.Engine.Structured.Matching;
using Platform.Engine.Tokenizers;

namespace Platform.Engine.Generation;

/// <summary>Turns a <see cref="GenerationRequest"/> into engine state, rejecting anything the engine cannot run.</summary>
internal sealed class RequestFactory
{
    private readonly ModelConfig _config;
    private readonly ITokenizer? _tokenizer;
    private readonly int _vocabSize;
    private readonly int _maxModelLength;
    private readonly int _outputBufferSize;

    public RequestFactory(ModelConfig config, ITokenizer? tokenizer, int vocabSize, int maxModelLength, int outputBufferSize)
    {
        _config = config;
        _tokenizer = tokenizer;
        _vocabSize = vocabSize;
        _maxModelLength = maxModelLength;
        _outputBufferSize = outputBufferSize;
    }

    public RequestState Create(GenerationRequest request)
    {
        var prompt = PromptIds(request);
        var stop = request.StopConditions;
        if (stop.MaxTokens is <= 0)
            throw Invalid(RequestRejectedException.InvalidParameter, $"max_tokens must be at least 1, got {stop.MaxTokens}.");
        var room = _maxModelLength - prompt.Length;
        if (room <= 0 || stop.MaxTokens > room)
        {
            var asked = stop.MaxTokens is { } m ? $"{prompt.Length + m} tokens ({prompt.Length} in the prompt, {m} to generate)" : $"{prompt.Length} prompt tokens and room to generate";
            throw Invalid(RequestRejectedException.ContextLengthExceeded,
                $"This model's maximum context length is {_maxModelLength} tokens, but the request needs {asked}.");
        }
        if (stop.Stop.Count > 0 && _tokenizer is null)
            throw Invalid(RequestRejectedException.InvalidParameter, "Stop strings need a tokenizer, and this engine has none.");
        if (request.Constraint is { } c && c.Vocabulary.Size != _vocabSize)
            throw Invalid(RequestRejectedException.InvalidParameter, $"The output constraint was compiled for {c.Vocabulary.Size} tokens; this model has {_vocabSize}.");
        if (request.Sampling.MinTokens > (stop.MaxTokens ?? room))
            throw Invalid(RequestRejectedException.InvalidParameter,
                $"min_tokens ({request.Sampling.MinTokens}) must not exceed max_tokens ({stop.MaxTokens?.ToString() ?? $"{room}, the room left in the context"}).");
        if (request.Sampling.LogitBias is { } bias)
            foreach (var id in bias.Keys)
                if ((uint)id >= (uint)_vocabSize)
                    throw Invalid(RequestRejectedException.InvalidParameter, $"logit_bias has token id {id}, outside the vocabulary (0..{_vocabSize - 1}).");
        var stopTokenIds = StopTokenIds(stop);
        SequenceSampler sampler;
        try
        {
            StopStringMatcher.Validate(stop.Stop);
            var matcher = request.Constraint is { } constraint ? new ConstraintMatcher(constraint, stopTokenIds) : null;
            sampler = new SequenceSampler(request.Sampling, prompt, stopTokenIds, matcher);
        }
        catch (ArgumentException error)
        {
            throw new RequestRejectedException(RequestRejectedException.InvalidParameter, error.Message, error);
        }
        // The output is decoded on its own, as Hugging Face's decode(output_ids) reads it (the shared goldens' greedy_text).
        var decoder = _tokenizer?.CreateIncrementalDecoder(request.SkipSpecialTokens);
        return new RequestState(request, prompt, sampler, decoder, stopTokenIds, stop.MaxTokens ?? room, _outputBufferSize);
    }

    private int[] PromptIds(GenerationRequest request)
    {
        int[] ids;
        if (request.PromptTokenIds is { } given)
            ids = given.ToArray();
        else if (request.Prompt is { } text)
            ids = _tokenizer is null
                ? throw Invalid(RequestRejectedException.InvalidPrompt, "A text prompt needs a tokenizer, and this engine has none; pass token ids.")
                : _tokenizer.Encode(text, request.AddSpecialTokens);
        else
            throw Invalid(RequestRejectedException.InvalidPrompt, "The request has neither a prompt nor prompt token ids.");
        if (ids.Length == 0)
        {
            // An empty prompt starts from BOS, as llama.cpp and llama2.c do.
            var bos = _config.BosTokenId ?? _tokenizer?.BosTokenId
                ?? throw Invalid(RequestRejectedException.InvalidPrompt, "The prompt is empty and the model has no BOS token to start from.");
            ids = [bos];
        }
        foreach (var id in ids)
            if ((uint)id >= (uint)_vocabSize)
                throw Invalid(RequestRejectedException.InvalidPrompt, $"Prompt token id {id} is outside the vocabulary (0..{_vocabSize - 1}).");
        return ids;
    }

    private HashSet<int> StopTokenIds(StopConditions stop)
    {
        var ids = new HashSet<int>(stop.StopTokenIds);
        if (!stop.IgnoreEos)
        {
            ids.UnionWith(_config.EosTokenIds);
            if (_tokenizer is not null)
                ids.UnionWith(_tokenizer.EosTokenIds);
        }
        return ids;
    }

    private static RequestRejectedException Invalid(string code, string message) => new(code, message);
}
