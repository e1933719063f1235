using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace CallCenterSdk.Testing;

/// <summary>
/// Two network namespaces ("hosts") joined by a veth pair, with nftables dropping a share of UDP datagrams
/// on the input hook of each (netem is not in these kernels; see shared/docs/peers.md). Addresses are in the
/// loopback range and never leave the namespaces. Needs root, iproute2 and nftables.
/// </summary>
public sealed partial class LossyNetwork : IDisposable
{
    private const int CloneNewNet = 0x40000000;

    private LossyNetwork(string hostA, string hostB)
    {
        HostA = hostA;
        HostB = hostB;
    }

    /// <summary>The first namespace, with address <see cref="AddressA"/>.</summary>
    public string HostA { get; }

    /// <summary>The second namespace, with address <see cref="AddressB"/>.</summary>
    public string HostB { get; }

    /// <summary>The address of host A.</summary>
    public string AddressA => "127.10.0.1";

    /// <summary>The address of host B.</summary>
    public string AddressB => "127.10.0.2";

    /// <summary>Creates the two hosts; UDP to ports at or above <paramref name="fromPort"/> is dropped with <paramref name="lossPercent"/> % probability on arrival at either.</summary>
    public static LossyNetwork Create(int lossPercent, int fromPort)
    {
        var ip = NativeTool.Require("ip", "iproute2");
        var nft = NativeTool.Require("nft", "nftables");
        var suffix = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var network = new LossyNetwork("ccsA" + suffix, "ccsB" + suffix);
        try
        {
            Run(ip, "netns", "add", network.HostA);
            Run(ip, "netns", "add", network.HostB);
            Run(ip, "link", "add", "vA", "netns", network.HostA, "type", "veth", "peer", "name", "vB", "netns", network.HostB);
            foreach (var (ns, dev, address) in new[] { (network.HostA, "vA", network.AddressA), (network.HostB, "vB", network.AddressB) })
            {
                Run(ip, "netns", "exec", ns, "ip", "link", "set", "lo", "up");
                Run(ip, "netns", "exec", ns, "sysctl", "-qw", "net.ipv4.conf.all.route_localnet=1");
                Run(ip, "netns", "exec", ns, "ip", "route", "del", "table", "local", "127.0.0.0/8", "dev", "lo");
                Run(ip, "netns", "exec", ns, "ip", "addr", "add", address + "/30", "dev", dev);
                Run(ip, "netns", "exec", ns, "ip", "link", "set", dev, "up");
                Run(ip, "netns", "exec", ns, nft, "add", "table", "inet", "impair");
                Run(ip, "netns", "exec", ns, nft, "add", "chain", "inet", "impair", "in", "{ type filter hook input priority 0; policy accept; }");
                Run(ip, "netns", "exec", ns, nft, "add", "rule", "inet", "impair", "in", "udp", "dport", ">=", fromPort.ToString(CultureInfo.InvariantCulture),
                    "numgen", "random", "mod", "100", "<", lossPercent.ToString(CultureInfo.InvariantCulture), "counter", "drop");
            }
        }
        catch
        {
            network.Dispose();
            throw;
        }

        return network;
    }

    /// <summary>
    /// Shapes what <paramref name="host"/> sends to the other host with a token bucket (<c>tc qdisc tbf</c>): datagrams
    /// beyond the burst wait in the queue, up to <paramref name="queueBytes"/>, still charged to their sockets' send
    /// buffers, as on a busy uplink.
    /// </summary>
    public void Throttle(string host, int rateKbit, int queueBytes)
    {
        var device = host == HostA ? "vA" : "vB";
        Run(NativeTool.Require("ip", "iproute2"), "netns", "exec", host, NativeTool.Require("tc", "iproute2"), "qdisc", "add", "dev", device, "root", "tbf",
            "rate", rateKbit.ToString(CultureInfo.InvariantCulture) + "kbit", "burst", "1600", "limit", queueBytes.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Runs <paramref name="action"/> on a thread of its own that has entered <paramref name="host"/>'s network
    /// namespace (setns): sockets it opens belong to that host for their whole life, whichever thread uses them later.
    /// </summary>
    public static T RunIn<T>(string host, Func<T> action)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var original = File.OpenHandle("/proc/thread-self/ns/net");
                using var target = File.OpenHandle(Path.Combine("/var/run/netns", host));
                if (setns((int)target.DangerousGetHandle(), CloneNewNet) != 0)
                {
                    throw new InvalidOperationException($"setns into {host} failed: errno {Marshal.GetLastPInvokeError()} (needs root)");
                }

                try
                {
                    result = action();
                }
                finally
                {
                    _ = setns((int)original.DangerousGetHandle(), CloneNewNet);
                }
            }
            catch (Exception e)
            {
                failure = e;
            }
        }) { Name = "netns-" + host };
        thread.Start();
        thread.Join();
        return failure is null ? result : throw new InvalidOperationException($"running in {host} failed: {failure.Message}", failure);
    }

    /// <summary>How many datagrams the rule in <paramref name="host"/> dropped so far.</summary>
    public long DroppedIn(string host)
    {
        var output = Run(NativeTool.Require("ip", "iproute2"), "netns", "exec", host, NativeTool.Require("nft", "nftables"), "list", "chain", "inet", "impair", "in");
        var at = output.IndexOf("packets ", StringComparison.Ordinal);
        return at < 0 ? 0 : long.Parse(output[(at + 8)..].Split(' ')[0], CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        var ip = NativeTool.Require("ip", "iproute2");
        foreach (var ns in new[] { HostA, HostB })
        {
            try
            {
                Run(ip, "netns", "del", ns);
            }
            catch (InvalidOperationException)
            {
                // Not created, or already gone.
            }
        }
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setns(int fd, int nstype);

    private static string Run(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(10_000) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({(process.HasExited ? process.ExitCode : -1)}): {stderr}{stdout} (needs root)");
        }

        return stdout;
    }
}
