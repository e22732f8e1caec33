using System.Net;
using System.Net.Sockets;

namespace Platform.Postgres.Tests;

/// <summary>Loopback ports nothing listens on at the moment of asking.</summary>
internal static class LoopbackPorts
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
