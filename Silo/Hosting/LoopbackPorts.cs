using System.Net;
using System.Net.Sockets;

namespace Platform.Silo.Hosting;

/// <summary>Free TCP ports on 127.0.0.1, for embedded silos and in-process clusters that run side by side.</summary>
internal static class LoopbackPorts
{
    /// <summary><paramref name="count"/> distinct free ports: all bound before any is released, so none is handed out twice.</summary>
    public static int[] Free(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            foreach (var listener in listeners)
                listener.Start();
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners)
                listener.Stop();
        }
    }
}
