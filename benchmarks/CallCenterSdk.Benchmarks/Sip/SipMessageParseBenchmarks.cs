using System.Buffers;
using BenchmarkDotNet.Attributes;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Parsing;

namespace CallCenterSdk.Benchmarks.Sip;

/// <summary>
/// Parsing an INVITE with SDP and a 200 OK against the lower bound: a scan that only finds line ends and header
/// colons in the same bytes. Parsing indexes every header and reads Via branch, From/To tags, Call-ID and CSeq.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class SipMessageParseBenchmarks
{
    private readonly byte[] _invite = SipSampleMessages.Invite;
    private readonly byte[] _ok = SipSampleMessages.Ok;

    /// <summary>The floor: line ends and the first colon of each header line, nothing else.</summary>
    [Benchmark(Baseline = true)]
    public int InviteLineAndColonScan()
    {
        ReadOnlySpan<byte> b = _invite;
        var colons = 0;
        var pos = 0;
        while (true)
        {
            var end = b[pos..].IndexOf("\r\n"u8);
            if (end <= 0)
            {
                break;
            }

            colons += b.Slice(pos, end).IndexOf((byte)':');
            pos += end + 2;
        }

        return colons + pos;
    }

    /// <summary>Zero-copy datagram parse: the message refers to the receive buffer (one allocation, the message).</summary>
    [Benchmark]
    public SipMessage ParseInvite() => SipMessageParser.ParseDatagram(_invite.AsMemory());

    /// <summary>Datagram parse that copies the bytes so the receive buffer can be reused (two allocations).</summary>
    [Benchmark]
    public SipMessage ParseInviteCopying() => SipMessageParser.ParseDatagram(_invite.AsSpan());

    /// <summary>Stream parse from a ReadOnlySequence, as a TCP read loop does (copies the message out of the pipe).</summary>
    [Benchmark]
    public SipMessage? ParseInviteFromStream() =>
        SipMessageParser.TryParseStream(new ReadOnlySequence<byte>(_invite), out var m, out _, out _) ? m : null;

    /// <summary>Zero-copy parse of a 200 OK.</summary>
    [Benchmark]
    public SipMessage ParseOk() => SipMessageParser.ParseDatagram(_ok.AsMemory());
}
