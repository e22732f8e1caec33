using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Audit;
using Platform.Api.Errors;
using Platform.Api.Generation;
using Platform.Api.Hosting;
using Platform.Api.OpenAI;
using Platform.Api.OpenAI.Errors;
using Platform.Api.OpenAI.Requests;
using Platform.Api.OpenAI.Responses;
using Platform.Api.OpenAI.Validation;
using Platform.Api.Telemetry;
using Platform.Api.Traffic;
using Platform.Api.Tenants;
using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Responses;

namespace Platform.Api.Endpoints;

/// <summary>
/// OpenAI's Responses API: `POST /v1/responses` (whole or streamed), `GET` and `DELETE /v1/responses/{id}`. Each
/// response runs in its own response grain, keyed by tenant and id, which stores it unless `store` is false.
/// </summary>
public static class ResponsesEndpoints
{
    public const string Path = "/v1/responses";
    public const string ItemPath = "/v1/responses/{id}";

    public static IEndpointRouteBuilder MapResponses(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(Path, CreateAsync);
        routes.MapGet(ItemPath, GetAsync);
        routes.MapDelete(ItemPath, DeleteAsync);
        return routes;
    }

    static async Task CreateAsync(HttpContext http)
    {
        var api = http.RequestServices.GetRequiredService<ApiServices>();
        string? version = null;
        var request = await http.ReadForModelAsync(api, ResponseRequestValidator.ValidateAsync, r => version ?? r.Model!, ChooseVersion);
        if (request is null)
            return;
        // The version that answers (an alias's pick or pin): the response's `model` names it, and so does the header.
        request = request with { Model = version };
        http.Response.Headers[ModelVersions.Header] = version;
        http.Telemetry()?.RecordEndUser(request.User, request.SafetyIdentifier);
        var turn = ResponseTurns.From(request, http.Tenant().Id);
        http.Telemetry()?.ResponseId = turn.ResponseId;
        http.Features.Get<AuditContent>()?.SetRequest(request);
        var grain = api.Grains.GetGrain<IResponseGrain>(ResponseKeys.Of(turn.Tenant, turn.ResponseId));
        PlannedChoice[] plan = [new(0, 0, turn.ResponseId, _ => grain.Run(turn))];
        await using var batch = await api.StartAsync(plan, http.RequestAborted);
        if (request.IsStreaming)
        {
            await ResponseStream.WriteAsync(http, api, batch, grain, turn, request.IncludeObfuscation);
            return;
        }
        var (choices, usage, error) = await BatchCollector.CollectAsync(batch, http.RequestAborted);
        http.Telemetry()?.Usage = usage;
        http.Features.Get<AuditContent>()?.SetOutputs([choices[0].Text]);
        var choice = choices[0];
        if (error is null && choice.FinishReason is not ("stop" or "length"))
            error = ApiError.Internal($"The generation ended without finishing ({choice.FinishReason}).");
        if (error is not null)
        {
            await http.WriteErrorAsync(error);
            return;
        }
        var tokens = new TokenUsage(usage.PromptTokens, usage.CompletionTokens, usage.PromptTokensDetails?.CachedTokens ?? 0);
        var finished = await FinishedAsync(grain, turn, choice.Text, choice.FinishReason!, tokens);
        await http.WriteJsonAsync(ResponseObjects.Finished(finished), OpenAIJsonContext.Default.ResponseObject);

        // A conversation's responses draw their version from what they share (the cache key, else the response they follow).
        ApiError? ChooseVersion(ResponseRequest r)
        {
            var seed = r.PromptCacheKey ?? r.PreviousResponseId ?? "";
            var (model, error) = ModelVersions.Choose(api.Options, r.Model!, http.Request.Headers[ModelVersions.Header].ToString(), seed);
            version = model;
            return error;
        }
    }

    /// <summary>
    /// The finished response: a stored one as the grain stored it (so GET returns the very same object), an unstored
    /// one built here from the same parts.
    /// </summary>
    internal static async Task<StoredResponse> FinishedAsync(IResponseGrain grain, ResponseTurn turn, string text, string finishReason, TokenUsage usage) =>
        (turn.Store ? await grain.Get() : null) ?? StoredResponse.Finish(turn, text, finishReason, usage, DateTimeOffset.UtcNow);

    static async Task GetAsync(HttpContext http, string id)
    {
        if (RefuseGetQuery(http.Request.Query) is { } refused)
        {
            await http.WriteErrorAsync(refused);
            return;
        }
        var response = ResponseRequestChecks.IsResponseId(id) ? await Grain(http, id).Get() : null;
        if (response is null)
            await http.WriteErrorAsync(PlatformErrors.ResponseNotFound(id));
        else
            await http.WriteJsonAsync(ResponseObjects.Finished(response), OpenAIJsonContext.Default.ResponseObject);
    }

    static async Task DeleteAsync(HttpContext http, string id)
    {
        if (ResponseRequestChecks.IsResponseId(id) && await Grain(http, id).Delete())
            await http.WriteJsonAsync(new ResponseDeleted(id), OpenAIJsonContext.Default.ResponseDeleted);
        else
            await http.WriteErrorAsync(PlatformErrors.ResponseNotFound(id));
    }

    static IResponseGrain Grain(HttpContext http, string id) =>
        http.RequestServices.GetRequiredService<ApiServices>().Grains.GetGrain<IResponseGrain>(ResponseKeys.Of(http.Tenant().Id, id));

    // GET's query can replay a background response's stream or add output fields; neither exists here.
    static ApiError? RefuseGetQuery(IQueryCollection query)
    {
        if (query.TryGetValue("stream", out var stream) && stream.ToString() is not ("false" or ""))
            return ApiError.Unsupported("stream", "replaying a stored response as events is not implemented; GET returns the response object");
        if (query.ContainsKey("starting_after"))
            return ApiError.Unsupported("starting_after", "replaying a stored response as events is not implemented");
        if (query.ContainsKey("include_obfuscation"))
            return ApiError.Unsupported("include_obfuscation", "it applies only to a replayed stream, which is not implemented");
        if (query.TryGetValue("include", out var include) && include.Count > 0)
            return ApiError.Unsupported("include", $"'{include[0]}' is not returned by this server");
        return null;
    }
}
