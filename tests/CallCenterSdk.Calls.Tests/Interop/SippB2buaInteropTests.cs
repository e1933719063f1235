using System.Globalization;
using CallCenterSdk.Calls.Bridging;
using CallCenterSdk.Calls.Recording;
using CallCenterSdk.Calls.Tests.Support;
using CallCenterSdk.Testing;

namespace CallCenterSdk.Calls.Tests.Interop;

/// <summary>
/// sipp's uac_pcap plays /usr/share/sip-tester/g711a.pcap (about 7 s of PCMA at 30 ms ptime, then an RFC 2833
/// digit) into our B2BUA, which dials a second sipp running uas with -rtp_echo, bridges the legs and records the
/// call as two channels. sipp's own uas answers PCMU (the bridge transcodes); a copy of it that answers PCMA makes
/// the bridge relay. The echo carries our own SSRC back, which RFC 3550 §8.2 makes a collision (we change SSRC once)
/// and then a loop (dropped): that one SSRC change is how we know the UAS received our packets.
/// </summary>
public sealed class SippB2buaInteropTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly string _dir = Directory.CreateTempSubdirectory("callsa-sipp-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(BridgeMode.Relay)]
    [InlineData(BridgeMode.Transcode)]
    public async Task Sipp_pcap_audio_crosses_our_b2bua_to_an_echoing_sipp_and_the_recording_holds_it(BridgeMode mode)
    {
        var sipp = Sipp.Executable;
        const string PcapFolder = "/usr/share/sip-tester";
        if (!File.Exists(Path.Combine(PcapFolder, "g711a.pcap")))
        {
            throw new InvalidOperationException($"{PcapFolder}/g711a.pcap is missing: install the Debian package sip-tester.");
        }

        // The built-in scenario opens pcap/g711a.pcap relative to its working directory.
        File.CreateSymbolicLink(Path.Combine(_dir, "pcap"), PcapFolder);
        var uasPort = FreePort.Next();
        var uasMedia = FreeBlock(4);
        var uacPort = FreePort.Next();
        var uacMedia = FreeBlock(4);
        var recordingPath = Path.Combine(_dir, "b2bua.wav");
        string[] uasScenario = ["-sn", "uas"];
        if (mode == BridgeMode.Relay)
        {
            var scenario = Path.Combine(_dir, "uas-pcma.xml");
            await File.WriteAllTextAsync(scenario, await PcmaUasScenarioAsync());
            uasScenario = ["-sf", scenario];
        }

        var echoes = 0;

        await using var engines = new Engines();
        var pbx = await engines.StartAsync();
        var bridged = new TaskCompletionSource<(Bridge, CallRecording)>(TaskCreationOptions.RunContinuationsAsynchronously);
        pbx.IncomingCall += inbound => _ = Task.Run(async () =>
        {
            try
            {
                var outbound = pbx.Dial($"sip:service@127.0.0.1:{uasPort}", "<sip:b2bua@127.0.0.1>");
                outbound.Media.Rtp.LocalSsrcChanged += (_, _) => Interlocked.Increment(ref echoes);
                await outbound.WaitForAnswerAsync().WaitAsync(Timeout);
                inbound.Answer();
                await inbound.WaitForAnswerAsync().WaitAsync(Timeout);
                var bridge = new Bridge(inbound, outbound);
                bridge.Start();
                bridged.TrySetResult((bridge, CallRecording.Start(pbx.Clock, bridge, recordingPath)));
            }
            catch (Exception e)
            {
                bridged.TrySetException(e);
                inbound.Reject(500);
            }
        });

        await using var uas = Sipp.Start(
            [.. uasScenario, "-i", "127.0.0.1", "-p", Text(uasPort), "-mi", "127.0.0.1", "-mp", Text(uasMedia), "-rtp_echo", "-m", "1", "-timeout", "28s"], _dir);
        await Task.Delay(300); // the UAS binds before the call reaches it
        var pbxEndPoint = pbx.Stack.Transports[0].LocalEndPoint.ToString()!;
        var uac = await Sipp.RunAsync(
            ["-sn", "uac_pcap", pbxEndPoint, "-s", "service", "-i", "127.0.0.1", "-p", Text(uacPort), "-mi", "127.0.0.1", "-mp", Text(uacMedia), "-m", "1", "-timeout", "25s", "-recv_timeout", "15000"],
            TimeSpan.FromSeconds(28),
            _dir);
        Assert.True(uac.ExitCode == 0 && uac.SuccessfulCalls == 1, uac.ToString());
        var uasExit = await uas.WaitForExitAsync(Timeout);
        Assert.True(uasExit == 0, $"sipp uas exit {uasExit}\n{uas.StandardOutput}\n{uas.StandardError}");

        var (b2bua, recording) = await bridged.Task.WaitAsync(Timeout);
        await recording.Completion.WaitAsync(Timeout);
        Assert.Equal(BridgeMode.None, b2bua.Mode); // the caller's BYE ended the bridge and the UAS leg
        var caller = b2bua.First.GetStatistics();
        var agent = b2bua.Second.GetStatistics();
        Assert.Equal("PCMA", caller.Codec);
        Assert.Equal(mode == BridgeMode.Relay ? "PCMA" : "PCMU", agent.Codec);

        // g711a.pcap holds 236 packets of 30 ms and the scenario adds one RFC 2833 digit (10 packets).
        Assert.True(caller.PacketsReceived >= 230, $"the b2bua received {caller.PacketsReceived} packets from sipp uac_pcap");
        if (mode == BridgeMode.Relay)
        {
            // MediaSession.RelayedPackets counts on the leg that sends them: the caller's packets leave on the uas leg.
            Assert.True(b2bua.Second.Media.RelayedPackets >= 230, $"the uas leg sent {b2bua.Second.Media.RelayedPackets} packets relayed from the caller");
        }
        else
        {
            // Transcoded into 20 ms packets for the whole call (SSRC counters restart at the collision).
            Assert.True(agent.PacketsSent >= 250, $"the b2bua sent {agent.PacketsSent} packets to sipp uas");
        }

        Assert.True(Volatile.Read(ref echoes) == 1, $"the uas echo came back {echoes} times as a new collision (expected exactly one, then a loop)");

        // The caller channel holds the pcap's audio for most of its ~7 s (speech: 288-327 of its ~350 frames are non-silent).
        var wav = StereoWav.Read(recordingPath);
        Assert.Equal(wav.Frames, wav.DeclaredFrames);
        Assert.InRange(wav.Duration.TotalSeconds, 7, 20);
        var callerChannel = wav.Probe(0);
        Assert.True(callerChannel.LoudFrames >= 210, $"caller channel: {callerChannel.LoudFrames} non-silent 20 ms frames of {callerChannel.Frames}");
    }

    /// <summary>sipp's built-in uas scenario with its SDP answering PCMA instead of PCMU.</summary>
    private static async Task<string> PcmaUasScenarioAsync()
    {
        await using var dump = Sipp.Start(["-sd", "uas"]);
        await dump.WaitForExitAsync(TimeSpan.FromSeconds(10));
        var xml = dump.StandardOutput;
        if (!xml.Contains("RTP/AVP 0", StringComparison.Ordinal) || !xml.Contains("a=rtpmap:0 PCMU/8000", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("sipp -sd uas no longer answers 'RTP/AVP 0' with PCMU; update the PCMA rewrite:\n" + xml);
        }

        return xml.Replace("RTP/AVP 0", "RTP/AVP 8", StringComparison.Ordinal).Replace("a=rtpmap:0 PCMU/8000", "a=rtpmap:8 PCMA/8000", StringComparison.Ordinal);
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    /// <summary>An even port with the next <paramref name="count"/> - 1 ports free too (RTP, RTCP, echo sockets).</summary>
    private static int FreeBlock(int count)
    {
        for (var attempt = 0; attempt < 500; attempt++)
        {
            var port = FreePort.Next();
            if (port % 2 == 0 && Enumerable.Range(port + 1, count - 1).All(FreePort.IsFree))
            {
                // FreePort hands out ascending ports: step past the block so later picks do not land inside it.
                for (var i = 1; i < count; i++)
                {
                    FreePort.Next();
                }

                return port;
            }
        }

        throw new InvalidOperationException($"No block of {count} free loopback ports.");
    }
}
