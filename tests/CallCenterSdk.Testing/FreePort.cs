using System.Net;
using System.Net.Sockets;

namespace CallCenterSdk.Testing;

/// <summary>Finds loopback ports that are free for both UDP and TCP, for tests that start servers and peers.</summary>
public static class FreePort
{
    private const int First = 10000;

    // Ports are handed out below the hosting's default RTP range (20000-29999) and the kernel's ephemeral range: a port
    // found free in either can be taken between the check and the peer's own bind, by a center's media or by any socket
    // bound to port 0 (our engines' media sockets are). (A baresip given an RTP range in 32768-39000 answered
    // "500 Call Error" once in CI when an engine had taken a port of it.)
    private static readonly int Last = Math.Min(19999, EphemeralLow() - 1);
    private static int _next = First + (Environment.ProcessId % ((Last - First) / 2));

    /// <summary>A port on 127.0.0.1 that is free for UDP and TCP right now, in 10000-19999.</summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < 4000; attempt++)
        {
            var port = Interlocked.Increment(ref _next);
            if (port > Last)
            {
                Interlocked.Exchange(ref _next, First);
                continue;
            }

            if (IsFree(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException($"No free loopback port found in {First}-{Last}.");
    }

    /// <summary>The first port of the kernel's ephemeral range (32768 where it cannot be read).</summary>
    public static int EphemeralLow()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture) is var low && low > First + 1000 ? low : 32768;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 32768;
        }
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
