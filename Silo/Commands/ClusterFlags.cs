using System.CommandLine;
using Platform.Silo.Hosting;

namespace Platform.Silo.Commands;

/// <summary>The cluster and HTTP flags every long-running process (`serve`, `silo`, `api`) takes.</summary>
internal sealed class ClusterFlags(bool clusterRequired, int defaultPort, bool hostsSilo = true, bool servesApi = true)
{
    private readonly Option<string?> _cluster = new("--cluster") { Description = "Join the cluster whose membership and grain state live in this PostgreSQL: postgres://user:pass@host:port/db" + (clusterRequired ? " (required)" : " (default: one embedded process, state in memory)") };
    private readonly Option<string?> _state = new("--state") { Description = "Replaced by --cluster", Hidden = true };
    private readonly Option<string> _clusterId = new("--cluster-id") { DefaultValueFactory = _ => "platform", Description = "Cluster name; processes with the same database and id form one cluster" };
    private readonly Option<int> _siloPort = new("--silo-port") { DefaultValueFactory = _ => 11111, Description = "Port silos talk to each other on (cluster mode)" };
    private readonly Option<int> _gatewayPort = new("--gateway-port") { DefaultValueFactory = _ => 30000, Description = "Port API nodes reach this silo on (cluster mode)" };
    private readonly Option<string> _advertise = new("--advertise-address") { DefaultValueFactory = _ => "127.0.0.1", Description = "IP address other silos and API nodes reach this one at (cluster mode)" };
    private readonly Option<int> _drain = new("--drain-timeout") { DefaultValueFactory = _ => 30, Description = "Seconds a stopping silo lets running generations finish" };
    private readonly Option<string> _host = new("--host") { DefaultValueFactory = _ => "127.0.0.1", Description = "Address the HTTP endpoints listen on" };
    private readonly Option<int> _port = new("--port") { DefaultValueFactory = _ => defaultPort, Description = "HTTP port (0: any free port)" };
    private readonly Option<string?> _apiKey = new("--api-key") { Description = "Require this bearer token on API calls" };
    private readonly Option<string?> _apiKeys = new("--api-keys") { Description = "JSON file of tenants' API keys (SHA-256 hashes, see `platform hash-key`) with their rate limits and token budgets; accepted beside --api-key" };
    private readonly Option<bool> _noAccessLog = new("--no-access-log") { Description = "Do not log a line per HTTP request" };
    private readonly Option<bool> _kubernetes = new("--kubernetes") { Description = "Run the silo as a Kubernetes pod (Orleans' Kubernetes hosting): named after its pod, advertised at POD_IP unless --advertise-address is given, and silos whose pods are deleted are declared dead; membership stays in the --cluster database. Needs POD_NAME, POD_NAMESPACE, POD_IP and the pod's service account", Hidden = !hostsSilo };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _cluster, _state, _clusterId, _siloPort, _gatewayPort, _advertise, _drain, _host, _port, _apiKey, _noAccessLog, _kubernetes })
            command.Options.Add(option);
        if (servesApi)
            command.Options.Add(_apiKeys);
    }

    /// <summary>
    /// The options with this command's cluster and HTTP flags; a usage error for flags that cannot work together.
    /// <paramref name="environment"/> and <paramref name="fileExists"/> (default: the process's) are where `--kubernetes` finds its pod.
    /// </summary>
    public ServeOptions Read(ParseResult r, ServeOptions options, Func<string, string?>? environment = null, Func<string, bool>? fileExists = null)
    {
        if (r.GetValue(_state) is not null)
            throw new ArgumentException("--state is now --cluster: `--cluster postgres://user:pass@host:port/db` keeps both membership and grain state in that database.");
        var url = r.GetValue(_cluster);
        if (clusterRequired && url is null)
            throw new ArgumentException("this command joins a cluster: give --cluster postgres://user:pass@host:port/db.");
        if (url is not null)
            _ = PostgresUrl.ToConnectionString(url);
        var kubernetes = r.GetValue(_kubernetes);
        var advertise = r.GetValue(_advertise)!;
        if (kubernetes)
            advertise = KubernetesPod.Check(hostsSilo, url is not null, r.GetResult(_advertise) is { Implicit: false } ? advertise : null, environment ?? Environment.GetEnvironmentVariable, fileExists);
        if (!System.Net.IPAddress.TryParse(advertise, out _))
            throw new ArgumentException($"--advertise-address must be an IP address, got '{advertise}'.");
        Api.Tenants.TenantKeyring? keys = null;
        if (servesApi && r.GetValue(_apiKeys) is { } keyFile)
        {
            try
            {
                keys = Api.Tenants.ApiKeyFile.Load(keyFile);
            }
            catch (Api.Tenants.ApiKeyFileException error)
            {
                throw new ArgumentException(error.Message);
            }
        }
        return options with
        {
            TenantKeys = keys,
            Host = r.GetValue(_host)!,
            Port = r.GetValue(_port),
            ApiKey = r.GetValue(_apiKey),
            AccessLog = !r.GetValue(_noAccessLog),
            Cluster = new ClusterSettings
            {
                DatabaseUrl = url,
                ClusterId = r.GetValue(_clusterId)!,
                SiloPort = r.GetValue(_siloPort),
                GatewayPort = r.GetValue(_gatewayPort),
                AdvertiseAddress = advertise,
                Kubernetes = kubernetes,
                DrainTimeout = TimeSpan.FromSeconds(r.GetValue(_drain)),
            },
        };
    }
}
