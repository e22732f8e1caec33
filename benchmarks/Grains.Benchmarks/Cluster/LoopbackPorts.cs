using System.Net;
using System.Net.Sockets;

namespace Platform.Grains.Benchmarks.Cluster;

/// <summary>Picks free TCP ports on 127.0.0.1 so benchmark runs never collide with each other or a dev silo.</summary>
public static class LoopbackPorts
{
    public static int[] Free(int count)
    {
        // Hold every listener until all are bound, so the OS cannot hand out the same port twice.
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
            {
                listener.Start();
            }

            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }
}
