using System.Net;
using CallCenterSdk.Media.Jitter;
using CallCenterSdk.Media.Transport;
using CallCenterSdk.Sip.Sdp;

namespace CallCenterSdk.Calls.Media;

/// <summary>How legs negotiate and carry media.</summary>
public sealed class MediaSessionOptions
{
    /// <summary>The address RTP binds to and SDP advertises (127.0.0.1 by default).</summary>
    public IPAddress LocalAddress { get; init; } = IPAddress.Loopback;

    /// <summary>The address written in SDP when it differs from <see cref="LocalAddress"/> (a public address); null to use the bound one.</summary>
    public IPAddress? AdvertisedAddress { get; init; }

    /// <summary>The RTP port range shared by every leg (even RTP port, odd RTCP port); null for ephemeral ports.</summary>
    public MediaPortRange? PortRange { get; init; }

    /// <summary>Audio codecs we offer and accept, in order of preference. They must be in the codec registry.</summary>
    public IReadOnlyList<SdpCodec> Codecs { get; init; } = [SdpCodec.Pcmu, SdpCodec.Pcma, SdpCodec.G722];

    /// <summary>Offer and accept RFC 4733 telephone-events (8000 Hz, and 48000 Hz when Opus is offered).</summary>
    public bool TelephoneEvents { get; init; } = true;

    /// <summary>When in-band DTMF detection runs on received audio.</summary>
    public InbandDtmfDetection InbandDtmf { get; init; } = InbandDtmfDetection.WhenNoTelephoneEvent;

    /// <summary>The jitter buffer used where received audio is decoded.</summary>
    public JitterBufferOptions JitterBuffer { get; init; } = new();

    /// <summary>The packet time we send and ask for, in ms.</summary>
    public int PacketTimeMs { get; init; } = 20;

    /// <summary>The CNAME written in RTCP SDES; a random one per leg when null.</summary>
    public string? CanonicalName { get; init; }

    /// <summary>
    /// Read RTP with one async receive loop per socket (.NET's socket engine) instead of the engine's
    /// <see cref="MediaSocketPoller"/> on Linux. Default false; the portable path, kept for comparison and for platforms
    /// without epoll (where it is used whatever this says).
    /// </summary>
    public bool AsyncReceiveLoops { get; init; }
}

/// <summary>When received audio is searched for DTMF tones.</summary>
public enum InbandDtmfDetection
{
    /// <summary>Never.</summary>
    Never,

    /// <summary>Only when the peer did not agree to RFC 4733 telephone-events (the default).</summary>
    WhenNoTelephoneEvent,

    /// <summary>Always, in addition to telephone-events.</summary>
    Always,
}
