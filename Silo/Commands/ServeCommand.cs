using System.CommandLine;
using Platform.Silo.Hosting;

namespace Platform.Silo.Commands;

/// <summary>
/// `platform serve` (silo and API in one process), `platform silo` (engines, no public API) and `platform api` (the
/// OpenAI front end as a cluster client, no engines): one host, three roles.
/// </summary>
internal static class ServeCommand
{
    public static Command Create() => Build("serve", "Serve models over the OpenAI-compatible HTTP API (silo and API in one process)", HostRole.Serve, 8000);

    public static Command CreateSilo() => Build("silo", "Run a silo that hosts model engines for a cluster (only /health over HTTP)", HostRole.Silo, 8001);

    public static Command CreateApi() => Build("api", "Run the OpenAI-compatible API as a client of a cluster (no engines)", HostRole.Api, 8000);

    private static Command Build(string name, string description, HostRole role, int defaultPort)
    {
        var command = new Command(name, description);
        var models = role == HostRole.Api ? null : new ModelFlags();
        var aliases = role == HostRole.Silo ? null : new AliasFlags();
        var cluster = new ClusterFlags(clusterRequired: role != HostRole.Serve, defaultPort, hostsSilo: role != HostRole.Api, servesApi: role != HostRole.Silo);
        var audit = role == HostRole.Silo ? null : new AuditFlags();
        models?.AddTo(command);
        aliases?.AddTo(command);
        cluster.AddTo(command);
        audit?.AddTo(command);
        command.SetAction(async (r, ct) =>
        {
            ServeOptions options;
            try
            {
                options = cluster.Read(r, new ServeOptions { Role = role });
                if (models is not null)
                    options = models.Read(r, options);
                if (aliases is not null)
                    options = aliases.Read(r, options);
                if (audit is not null)
                    options = audit.Read(r, options);
            }
            catch (ArgumentException error)
            {
                Console.Error.WriteLine($"error: {error.Message}");
                return 2;
            }
            return await ServeRunner.RunAsync(options, ct);
        });
        return command;
    }
}
