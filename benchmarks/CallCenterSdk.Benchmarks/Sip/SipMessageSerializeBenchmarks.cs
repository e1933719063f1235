using System.Buffers;
using BenchmarkDotNet.Attributes;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Parsing;

namespace CallCenterSdk.Benchmarks.Sip;

/// <summary>Writing the INVITE in canonical form into a reused (pooled) buffer writer.</summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class SipMessageSerializeBenchmarks
{
    private readonly ArrayBufferWriter<byte> _writer = new(4096);
    private SipMessage _invite = null!;

    /// <summary>Parses once.</summary>
    [GlobalSetup]
    public void Setup() => _invite = SipMessageParser.ParseDatagram(SipSampleMessages.Invite.AsMemory());

    /// <summary>Serialize into the writer.</summary>
    [Benchmark]
    public int SerializeInvite()
    {
        _writer.ResetWrittenCount();
        _invite.WriteTo(_writer);
        return _writer.WrittenCount;
    }
}
