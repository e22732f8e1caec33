using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Platform.Api.Hosting;
using Platform.Api.OpenAI;
using Platform.Api.OpenAI.Errors;
using Platform.Api.OpenAI.Responses;
using Platform.Api.Traffic;
using Platform.Grains.Interfaces.Models;

namespace Platform.Api.Endpoints;

/// <summary>
/// `GET /v1/models` and `GET /v1/models/{id}`: the served models as their deployments describe them, then the aliases
/// (`--alias`), each with its `versions` and their weights.
/// </summary>
public static class ModelsEndpoints
{
    public const string Path = "/v1/models";

    public static IEndpointRouteBuilder MapModels(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, ListAsync);
        // Served names may hold slashes ("HuggingFaceTB/SmolLM2-135M"), so the id takes the rest of the path.
        routes.MapGet(Path + "/{**id}", GetAsync);
        return routes;
    }

    static async Task ListAsync(HttpContext http)
    {
        var api = http.RequestServices.GetRequiredService<ApiServices>();
        var cards = await Task.WhenAll(api.Options.ServedModels.Select(model => DescribeAsync(api, model)));
        var aliases = api.Options.Aliases.Values.Select(alias => AliasCard(alias, cards));
        await http.WriteJsonAsync(new ModelList { Data = [.. cards, .. aliases] }, OpenAIJsonContext.Default.ModelList);
    }

    static async Task GetAsync(HttpContext http, string id)
    {
        var api = http.RequestServices.GetRequiredService<ApiServices>();
        if (api.Options.Aliases.TryGetValue(id, out var alias))
        {
            var targets = await Task.WhenAll(alias.Targets.Where(t => api.Options.Serves(t.Model)).Select(t => DescribeAsync(api, t.Model)));
            await http.WriteJsonAsync(AliasCard(alias, targets), OpenAIJsonContext.Default.ModelCard);
            return;
        }
        if (!api.Options.Serves(id))
        {
            await http.WriteErrorAsync(ApiError.ModelNotFound(id));
            return;
        }
        await http.WriteJsonAsync(await DescribeAsync(api, id), OpenAIJsonContext.Default.ModelCard);
    }

    /// <summary>An alias as a model: created when its newest served version was, with its versions and weights.</summary>
    static ModelCard AliasCard(ModelAlias alias, IReadOnlyList<ModelCard> served) => new()
    {
        Id = alias.Name,
        Created = served.Where(c => alias.HasTarget(c.Id)).Select(c => c.Created).DefaultIfEmpty(0).Max(),
        OwnedBy = "platform",
        Versions = alias.Targets.Select(t => new ModelVersionCard { Model = t.Model, Weight = t.Weight }).ToList(),
    };

    static async Task<ModelCard> DescribeAsync(ApiServices api, string model)
    {
        var deployment = api.Grains.GetGrain<IDeploymentGrain>(model);
        var (description, status) = (deployment.Describe(), deployment.GetStatus());
        await Task.WhenAll(description, status);
        return new ModelCard
        {
            Id = model,
            Created = description.Result.CreatedUnixSeconds,
            OwnedBy = description.Result.OwnedBy,
            MaxModelLen = description.Result.MaxModelLength,
            Replicas = status.Result.ReplicaStatuses.Select(r => new ReplicaCard
            {
                Id = r.ReplicaKey,
                Silo = r.Silo,
                State = r.Phase.ToString().ToLowerInvariant(),
                Running = r.Load.Running,
                Waiting = r.Load.Waiting,
            }).ToList(),
        };
    }
}
