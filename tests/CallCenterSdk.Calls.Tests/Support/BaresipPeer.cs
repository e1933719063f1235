using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Wav;
using CallCenterSdk.Testing;

namespace CallCenterSdk.Calls.Tests.Support;

/// <summary>
/// A headless baresip (Debian package baresip) on loopback, as /work/shared/docs/peers.md section 2 sets it up: its
/// microphone is a WAV file of one tone written by the test (aufile), its speaker goes nowhere (aubridge), and the
/// sndfile module dumps what it sent and decoded as dump-*-enc.wav and dump-*-dec.wav. Run under <c>timeout</c>
/// and ended by its PID.
/// </summary>
internal sealed class BaresipPeer : IAsyncDisposable
{
    private readonly PeerProcess _process;

    private BaresipPeer(string directory, int sipPort, PeerProcess process)
    {
        Directory = directory;
        SipPort = sipPort;
        _process = process;
    }

    /// <summary>The working folder (config, tone, dumps).</summary>
    public string Directory { get; }

    /// <summary>The UDP port baresip's SIP listens on (127.0.0.1).</summary>
    public int SipPort { get; }

    /// <summary>Its account's URI: calls to it are answered automatically.</summary>
    public string Uri => $"sip:bob@127.0.0.1:{SipPort}";

    /// <summary>What it logged so far.</summary>
    public string Output => _process.StandardOutput + _process.StandardError;

    /// <summary>
    /// Starts baresip playing a <paramref name="toneHz"/> tone for <paramref name="toneSeconds"/> (it hangs up when the
    /// file ends) and, when <paramref name="dial"/> is given, calling that URI at once. <paramref name="rtpPortPairs"/>
    /// is how many calls it may have media for at once (a transfer makes a second call before the first ends).
    /// </summary>
    public static async Task<BaresipPeer> StartAsync(double toneHz, double toneSeconds, string? dial = null, int lifetimeSeconds = 25, int rtpPortPairs = 1)
    {
        var baresip = NativeTool.Require("baresip", "baresip");
        var timeout = NativeTool.Require("timeout", "coreutils");
        var directory = System.IO.Directory.CreateTempSubdirectory("callsa-baresip-").FullName;
        var config = Path.Combine(directory, "config");
        var dumps = Path.Combine(directory, "rec");
        System.IO.Directory.CreateDirectory(config);
        System.IO.Directory.CreateDirectory(dumps);
        var tone = Path.Combine(directory, "tone.wav");
        WriteTone(tone, toneHz, toneSeconds);
        var sipPort = FreePort.Next();
        var rtpPort = FreeRtpPorts(rtpPortPairs);
        await File.WriteAllTextAsync(Path.Combine(config, "config"), $"""
            sip_listen      127.0.0.1:{sipPort}
            net_interface   127.0.0.1
            dns_server      127.0.0.1:53
            audio_source    aufile,{tone}
            audio_player    aubridge,nowhere
            audio_alert     aubridge,nowhere
            rtp_ports       {rtpPort}-{rtpPort + (2 * rtpPortPairs) - 1}
            snd_path        {dumps}
            module_path     /usr/lib/baresip/modules
            module          g711.so
            module          aufile.so
            module          aubridge.so
            module          sndfile.so
            module_tmp      account.so
            module_app      menu.so

            """);
        await File.WriteAllTextAsync(Path.Combine(config, "accounts"), $"<sip:bob@127.0.0.1:{sipPort}>;regint=0;answermode=auto;audio_codecs=PCMU,PCMA\n");
        string[] arguments = dial is null
            ? [lifetimeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), baresip, "-f", config, "-t", (lifetimeSeconds - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)]
            : [lifetimeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), baresip, "-f", config, "-t", (lifetimeSeconds - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), "-e", "/dial " + dial];
        var process = PeerProcess.Start(timeout, arguments, directory);
        var peer = new BaresipPeer(directory, sipPort, process);
        try
        {
            await process.WaitForOutputAsync("baresip is ready", TimeSpan.FromSeconds(10));
        }
        catch
        {
            await peer.DisposeAsync();
            throw;
        }

        return peer;
    }

    /// <summary>
    /// Waits until sndfile has closed the dump of what baresip decoded (its header then declares the size: the call is
    /// over) and returns its path.
    /// </summary>
    public async Task<string> WaitForDecodedDumpAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var dump = System.IO.Directory.GetFiles(Path.Combine(Directory, "rec"), "dump-*-dec.wav").FirstOrDefault();
            if (dump is not null && IsClosed(dump))
            {
                return dump;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"baresip wrote no closed dump-*-dec.wav in {timeout}. Output:\n{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A dump still open by a dying process: the temp folder is cleaned later.
        }
    }

    private static bool IsClosed(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new WavReader(stream);
            return reader.DeclaredFrames is > 0;
        }
        catch (Exception e) when (e is IOException or WavFormatException)
        {
            return false;
        }
    }

    private static void WriteTone(string path, double hz, double seconds)
    {
        var format = new AudioFormat(8000);
        using var writer = WavWriter.Create(path, format);
        var source = Tones.Steady(hz);
        var frame = new short[format.SamplesPerFrame];
        for (var i = 0; i < (int)(seconds * 50); i++)
        {
            source.ReadFrame(frame);
            writer.Write(frame);
        }
    }

    private static int FreeRtpPorts(int pairs)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = FreePort.Next();
            if (port % 2 == 0 && Enumerable.Range(port + 1, (2 * pairs) - 1).All(FreePort.IsFree))
            {
                return port;
            }
        }

        throw new InvalidOperationException("No free even/odd loopback port pair for baresip's RTP.");
    }
}
