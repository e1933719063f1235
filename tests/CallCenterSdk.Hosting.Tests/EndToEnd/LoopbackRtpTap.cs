using System.Globalization;
using CallCenterSdk.Media.Codecs;

namespace CallCenterSdk.Hosting.Tests.EndToEnd;

/// <summary>
/// What arrives at a UDP port on loopback, as RTP: tshark (Debian package tshark, capture as root) prints each
/// packet's payload type, sequence number and payload as it passes (<c>-l -P</c>), so the test hears what a peer that
/// does not record (sipp) was sent, without touching that peer's socket. The capture file goes to the test's folder
/// (tshark's own temporary file would stay in /tmp when the process is killed).
/// </summary>
internal sealed class LoopbackRtpTap : IAsyncDisposable
{
    private readonly PeerProcess _tshark;

    private LoopbackRtpTap(PeerProcess tshark, int port)
    {
        _tshark = tshark;
        Port = port;
    }

    /// <summary>The port listened to.</summary>
    public int Port { get; }

    /// <summary>Starts capturing RTP sent to 127.0.0.1:<paramref name="port"/> into <paramref name="captureFile"/> and waits until tshark captures.</summary>
    public static async Task<LoopbackRtpTap> StartAsync(int port, string captureFile)
    {
        var tshark = NativeTool.Require("tshark", "tshark");
        var text = port.ToString(CultureInfo.InvariantCulture);
        var process = PeerProcess.Start(tshark,
        [
            "-i", "lo", "-l", "-n", "-w", captureFile, "-P", "-f", $"udp dst port {text}", "-d", $"udp.port=={text},rtp",
            "-T", "fields", "-E", "separator=/t", "-e", "rtp.p_type", "-e", "rtp.seq", "-e", "rtp.payload",
        ]);
        try
        {
            await process.WaitForOutputAsync("Capturing on", TimeSpan.FromSeconds(20));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        return new LoopbackRtpTap(process, port);
    }

    /// <summary>The RTP packets seen so far: payload type, sequence number, payload.</summary>
    public IReadOnlyList<(int PayloadType, int Sequence, byte[] Payload)> Packets()
    {
        var packets = new List<(int, int, byte[])>();
        foreach (var line in _tshark.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split('\t');
            if (fields.Length < 3 || !int.TryParse(fields[0], CultureInfo.InvariantCulture, out var pt) || !int.TryParse(fields[1], CultureInfo.InvariantCulture, out var seq))
            {
                continue;
            }

            packets.Add((pt, seq, Convert.FromHexString(fields[2].Replace(":", string.Empty, StringComparison.Ordinal))));
        }

        return packets;
    }

    /// <summary>The PCMU packets seen so far, decoded in arrival order into a <see cref="ToneProbe"/> (20 ms a frame).</summary>
    public ToneProbe HearPcmu(params double[] frequencies)
    {
        var probe = new ToneProbe(8000, frequencies);
        foreach (var (pt, _, payload) in Packets())
        {
            if (pt != CallerRtpScript.PcmuPayloadType || payload.Length != 160)
            {
                continue;
            }

            var pcm = new short[payload.Length];
            for (var i = 0; i < payload.Length; i++)
            {
                pcm[i] = MuLaw.Decode(payload[i]);
            }

            probe.WriteFrame(pcm);
        }

        return probe;
    }

    /// <summary>tshark's output, for failure messages.</summary>
    public string Diagnostics => $"tshark stderr:\n{_tshark.StandardError}";

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _tshark.DisposeAsync();
}
