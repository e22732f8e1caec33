using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Audit;
using Platform.Api.Errors;
using Platform.Api.Generation;
using Platform.Api.Hosting;
using Platform.Api.OpenAI.Errors;
using Platform.Api.OpenAI.Requests;
using Platform.Api.OpenAI.Responses;
using Platform.Api.OpenAI.Streaming;
using Platform.Api.OpenAI.Validation;
using Platform.Api.Telemetry;
using Platform.Api.Tenants;
using Platform.Api.Traffic;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Api.Endpoints;

/// <summary>
/// The handler every generation endpoint shares: read and validate the body, plan and start the choices, then stream
/// them or answer once all finished. A subclass only says what its endpoint adds: validation, plan and response shapes.
/// </summary>
internal abstract class GenerationEndpoint<TRequest> where TRequest : GenerationRequest
{
    /// <summary>The response being written: its request, id and creation time.</summary>
    protected readonly record struct Reply(TRequest Request, string Id, long Created)
    {
        public string Model => Request.Model!;
    }

    protected abstract GenerationRequestValidator<TRequest> Validator { get; }

    /// <summary>This endpoint's refusal of a valid request (beyond what no endpoint supports), or null.</summary>
    protected virtual ApiError? Refuse(HttpContext http, TRequest request) => null;

    protected abstract string NewResponseId();

    /// <summary>What an alias's weighted pick is seeded with: the response id, so each request is its own draw (sessions override).</summary>
    protected virtual string VersionSeed(HttpContext http, string responseId) => responseId;

    protected abstract IReadOnlyList<PlannedChoice> Plan(HttpContext http, TRequest request, string responseId);

    /// <summary>Writes the whole response once every choice finished.</summary>
    protected abstract Task WriteAnswerAsync(HttpContext http, Reply reply, ChoiceResult[] choices, CompletionUsage usage);

    /// <summary>Writes what a stream sends before any token (nothing unless overridden).</summary>
    protected virtual Task WriteStreamStartAsync(SseWriter sse, Reply reply, IReadOnlyList<RunningChoice> choices, CancellationToken ct) =>
        Task.CompletedTask;

    /// <summary>Writes one choice's chunk; <paramref name="textOffset"/> is how much text that choice streamed before it.</summary>
    protected abstract Task WriteStreamChunkAsync(SseWriter sse, Reply reply, int index, TokenChunk chunk, int textOffset, CancellationToken ct);

    /// <summary>Writes the usage-only event that ends a stream when the client asked for it.</summary>
    protected abstract Task WriteStreamUsageAsync(SseWriter sse, Reply reply, CompletionUsage usage, CancellationToken ct);

    public async Task HandleAsync(HttpContext http)
    {
        var api = http.RequestServices.GetRequiredService<ApiServices>();
        var ct = http.RequestAborted;
        var id = NewResponseId();
        string? version = null;
        var request = await http.ReadForModelAsync(api, Validator.ValidateAsync, r => version ?? r.Model!,
            r => Refuse(http, r) ?? ChooseVersion(r));
        if (request is null)
            return;
        // The version that answers: the response's `model` names it, and so does the header.
        request = (TRequest)(request with { Model = version });
        http.Response.Headers[ModelVersions.Header] = version;
        http.Telemetry()?.RecordEndUser(request.User, request.SafetyIdentifier);
        // Disposed after the batch: the tenant's slot is freed and its tokens counted once the generation is over.
        await using var pass = await TenantPass.AdmitAsync(http, api);
        if (pass is null)
            return;
        http.Telemetry()?.ResponseId = id;
        http.Features.Get<AuditContent>()?.SetRequest(request);
        await using var batch = await api.StartAsync(Plan(http, request, id), ct);
        var reply = new Reply(request, id, ResponseIds.UnixNow());
        pass.Used = request.IsStreaming
            ? await StreamAsync(http, api, batch, reply)
            : await AnswerAsync(http, batch, reply);

        ApiError? ChooseVersion(TRequest r)
        {
            var (model, error) = ModelVersions.Choose(api.Options, r.Model!, http.Request.Headers[ModelVersions.Header].ToString(), VersionSeed(http, id));
            version = model;
            return error;
        }
    }

    async Task<CompletionUsage> AnswerAsync(HttpContext http, GenerationBatch batch, Reply reply)
    {
        var (choices, usage, error) = await BatchCollector.CollectAsync(batch, http.RequestAborted);
        http.Telemetry()?.Usage = usage;
        http.Features.Get<AuditContent>()?.SetOutputs(Array.ConvertAll(choices, c => c.Text));
        if (error is not null)
            await http.WriteErrorAsync(error);
        else
            await WriteAnswerAsync(http, reply, choices, usage);
        return usage;
    }

    async Task<CompletionUsage> StreamAsync(HttpContext http, ApiServices api, GenerationBatch batch, Reply reply)
    {
        var ct = http.RequestAborted;
        using var sse = SseWriter.Start(http.Response);
        var usage = new UsageTally();
        var audited = http.Features.Get<AuditContent>()?.StartStream(batch.Choices.Count);
        // Outside the guard: a stream the client cut short still counts the tokens it was sent.
        var generated = new int[batch.Choices.Count];
        var finished = new bool[batch.Choices.Count];
        var failure = await StreamFailures.GuardAsync(sse, api.Logger, reply.Id, ct, async () =>
        {
            await WriteStreamStartAsync(sse, reply, batch.Choices, ct);
            var textLengths = new int[batch.Choices.Count];
            await foreach (var (choice, chunk) in batch.ReadAsync(ct))
            {
                if (chunk.Error is { } error)
                    return PlatformErrors.From(error);
                var index = choice.Plan.Index;
                generated[index] += chunk.TokenIds.Count;
                if (chunk.FinishReason is not null)
                {
                    finished[index] = true;
                    usage.Add(choice, chunk.Usage, generated[index]);
                }
                audited?[index].Append(chunk.Text);
                await WriteStreamChunkAsync(sse, reply, index, chunk, textLengths[index], ct);
                textLengths[index] += chunk.Text.Length;
            }
            if (reply.Request.IncludeStreamUsage)
                await WriteStreamUsageAsync(sse, reply, usage.ToUsage(), ct);
            return null;
        });
        foreach (var choice in batch.Choices)
        {
            if (!finished[choice.Plan.Index])
                usage.Add(choice, null, generated[choice.Plan.Index]);
        }
        if (http.Telemetry() is { } telemetry)
        {
            telemetry.Usage = usage.ToUsage();
            if (failure is not null)
                telemetry.StreamErrorCode = RequestTelemetry.CodeOf(failure);
        }
        return usage.ToUsage();
    }
}
