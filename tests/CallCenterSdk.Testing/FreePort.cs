using System.Net;
using System.Net.Sockets;

namespace CallCenterSdk.Testing;

/// <summary>Finds loopback ports that are free for both UDP and TCP, for tests that start servers and peers.</summary>
public static class FreePort
{
    private static int _next = 20000 + Environment.ProcessId % 10000;

    /// <summary>A port on 127.0.0.1 that is free for UDP and TCP right now.</summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < 2000; attempt++)
        {
            var port = Interlocked.Increment(ref _next);
            if (port > 39000)
            {
                Interlocked.Exchange(ref _next, 20000);
                continue;
            }

            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException("No free loopback port found in 20000-39000.");
    }

    /// <summary>True when <paramref name="port"/> can be bound on 127.0.0.1 for UDP and TCP.</summary>
    public static bool IsFree(int port)
    {
        try
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
