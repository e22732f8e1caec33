using System.Net;
using System.Net.Sockets;
using Platform.Silo.Tests.Commands;

namespace Platform.Silo.Tests.Cluster.Support;

/// <summary>One real `platform serve|silo|api --cluster` process on loopback ports of its own; disposing kills it.</summary>
internal sealed class ClusterNode : ServerProcess
{
    private ClusterNode(Launched launched, int siloPort) : base(launched) => SiloPort = siloPort;

    /// <summary>The silo-to-silo port, which names this process in replica silo addresses ("127.0.0.1:PORT@gen").</summary>
    public int SiloPort { get; }

    /// <summary>Starts `platform {role} --cluster {url} ...` and waits until its HTTP endpoint listens.</summary>
    public static async Task<ClusterNode> StartAsync(string role, string clusterUrl, string clusterId, params string[] extra)
    {
        var siloPort = FreePort();
        string[] arguments = [role, "--cluster", clusterUrl, "--cluster-id", clusterId, "--port", "0",
            "--silo-port", siloPort.ToString(), "--gateway-port", FreePort().ToString(), .. extra];
        return new ClusterNode(await LaunchAsync(arguments), siloPort);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
