using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using CallCenterSdk.Sip.Sdp;
using CallCenterSdk.Sip.Stack;
using CallCenterSdk.Sip.Transport;
using CallCenterSdk.Sip.UserAgent;

// samples/SipUas: answers every INVITE (SDP offer/answer with PCMU, PCMA and telephone-event), answers
// BYE, and with --hold-ms hangs up itself after that long. Used by the interop tests and the
// call-rate benchmark: dotnet run -c Release --project samples/SipUas -- --port 5070 --transport udp|tcp [--hold-ms N]
var options = UasOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: SipUas --port N [--transport udp|tcp|both] [--hold-ms N] [--host 127.0.0.1] [--rtp-port N]");
    return 2;
}

var agent = new SipUserAgent(new SipUserAgentOptions { ContactUser = "uas", Product = "CallCenterSdk-SipUas" });
var stackOptions = new SipStackOptions();
foreach (var protocol in options.Transports)
{
    stackOptions.ListenEndPoints.Add(new SipListenEndPoint(protocol, new IPEndPoint(options.Host, options.Port)));
}

await using var stack = new SipStack(stackOptions, agent);
agent.Attach(stack);

var capabilities = new SdpLocalCapabilities(options.Host.ToString(), SdpLocalCapabilities.NewSessionId(Random.Shared));
var audio = new SdpMediaCapabilities("audio", options.RtpPort) { Ptime = 20 };
audio.Codecs.Add(SdpCodec.Pcmu);
audio.Codecs.Add(SdpCodec.Pcma);
audio.TelephoneEvents.Add(SdpCodec.TelephoneEvent8000);
capabilities.Media.Add(audio);
var ownOffer = SdpOfferAnswer.CreateOffer(capabilities).ToArray();

long answered = 0, ended = 0, rejected = 0;
agent.IncomingCall += session =>
{
    byte[] body;
    if (session.RemoteBody.IsEmpty)
    {
        body = ownOffer; // offer in the 2xx, answer in the ACK (RFC 3264 §2)
    }
    else if (!SessionDescription.TryParse(session.RemoteBody.Span, out var offer, out _) ||
             SdpOfferAnswer.CreateAnswer(capabilities, offer) is not { HasAcceptedStream: true } negotiation)
    {
        Interlocked.Increment(ref rejected);
        session.Reject(488, "Not Acceptable Here");
        return;
    }
    else
    {
        body = negotiation.Answer.ToArray();
    }

    session.Ended += (_, _) => Interlocked.Increment(ref ended);
    if (options.HoldMs > 0)
    {
        session.Established += s => _ = HangUpLaterAsync(s, options.HoldMs);
    }

    session.Answer("application/sdp", body);
    Interlocked.Increment(ref answered);
};

await stack.StartAsync();
foreach (var transport in stack.Transports)
{
    Console.Error.WriteLine($"listening on {transport.Protocol.ViaToken()} {transport.LocalEndPoint}");
}

Console.WriteLine("ready");
var stop = new TaskCompletionSource();
// SIGINT and SIGTERM (what the benchmark scripts send) both end the run through the summary below.
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.TrySetResult(); });
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
await stop.Task;
Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"answered {answered}, ended {ended}, rejected {rejected}, retransmissions {stack.Statistics.Retransmissions}, timeouts {stack.Statistics.Timeouts}"));
Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"allocated {GC.GetTotalAllocatedBytes()} bytes, collections gen0 {GC.CollectionCount(0)} gen1 {GC.CollectionCount(1)} gen2 {GC.CollectionCount(2)}, GC pauses {GC.GetTotalPauseDuration().TotalMilliseconds:F0} ms"));
return 0;

static async Task HangUpLaterAsync(InviteSession session, int holdMs)
{
    await Task.Delay(holdMs).ConfigureAwait(false);
    session.Hangup();
}

internal sealed record UasOptions(int Port, IReadOnlyList<SipTransportProtocol> Transports, int HoldMs, IPAddress Host, int RtpPort)
{
    public static UasOptions? Parse(string[] args)
    {
        int? port = null;
        var transports = new List<SipTransportProtocol> { SipTransportProtocol.Udp };
        var holdMs = 0;
        var host = IPAddress.Loopback;
        var rtpPort = 6000;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--port" when int.TryParse(value, CultureInfo.InvariantCulture, out var p):
                    port = p; i++;
                    break;
                case "--transport" when value is "udp" or "tcp" or "both":
                    transports = value switch
                    {
                        "udp" => [SipTransportProtocol.Udp],
                        "tcp" => [SipTransportProtocol.Tcp],
                        _ => [SipTransportProtocol.Udp, SipTransportProtocol.Tcp],
                    };
                    i++;
                    break;
                case "--hold-ms" when int.TryParse(value, CultureInfo.InvariantCulture, out var h) && h >= 0:
                    holdMs = h; i++;
                    break;
                case "--host" when IPAddress.TryParse(value, out var a):
                    host = a; i++;
                    break;
                case "--rtp-port" when int.TryParse(value, CultureInfo.InvariantCulture, out var r):
                    rtpPort = r; i++;
                    break;
                default:
                    return null;
            }
        }

        return port is null ? null : new UasOptions(port.Value, transports, holdMs, host, rtpPort);
    }
}
