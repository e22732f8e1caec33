using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Generation;
using Platform.Api.Hosting;
using Platform.Api.OpenAI.Errors;
using Platform.Api.Wire;
using Platform.Grains.Interfaces.Models;

namespace Platform.Api.Endpoints;

/// <summary>`POST /tokenize` and `POST /detokenize`: a served model's tokenizer (and chat template), in vLLM's shapes.</summary>
public static class TokenizerEndpoints
{
    public const string TokenizePath = "/tokenize";
    public const string DetokenizePath = "/detokenize";

    public static IEndpointRouteBuilder MapTokenizer(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(TokenizePath, TokenizeAsync);
        routes.MapPost(DetokenizePath, DetokenizeAsync);
        return routes;
    }

    static async Task TokenizeAsync(HttpContext http)
    {
        var api = http.RequestServices.GetRequiredService<ApiServices>();
        var request = await http.ReadForModelAsync(api, TokenizerRequestValidator.ValidateTokenizeAsync, r => r.Model!);
        if (request is null)
            return;
        var input = new TokenizeInput(request.Prompt, request.Messages is null ? null : GenerationPlans.Messages(request.Messages),
            request.AddSpecialTokens ?? true, request.AddGenerationPrompt ?? true);
        var result = await api.Grains.GetGrain<IDeploymentGrain>(request.Model!).Tokenize(input);
        await http.WriteJsonAsync(new TokenizeResponse(result.Tokens.Count, result.MaxModelLength, result.Tokens), PlatformJsonContext.Default.TokenizeResponse);
    }

    static async Task DetokenizeAsync(HttpContext http)
    {
        var api = http.RequestServices.GetRequiredService<ApiServices>();
        var request = await http.ReadForModelAsync(api, TokenizerRequestValidator.ValidateDetokenizeAsync, r => r.Model!);
        if (request is null)
            return;
        var text = await api.Grains.GetGrain<IDeploymentGrain>(request.Model!).Detokenize(request.Tokens!);
        await http.WriteJsonAsync(new DetokenizeResponse(text), PlatformJsonContext.Default.DetokenizeResponse);
    }
}
