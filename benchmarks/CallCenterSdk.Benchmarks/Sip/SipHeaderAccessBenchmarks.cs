using BenchmarkDotNet.Attributes;
using CallCenterSdk.Sip.Messages;
using CallCenterSdk.Sip.Parsing;

namespace CallCenterSdk.Benchmarks.Sip;

/// <summary>What transactions and dialogs read after a parse: Via branch, From tag, CSeq (no allocation) and the typed objects.</summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class SipHeaderAccessBenchmarks
{
    private SipMessage _invite = null!;

    /// <summary>Parses once.</summary>
    [GlobalSetup]
    public void Setup() => _invite = SipMessageParser.ParseDatagram(SipSampleMessages.Invite.AsMemory());

    /// <summary>The transaction/dialog keys as spans and numbers.</summary>
    [Benchmark(Baseline = true)]
    public int MatchingKeys() =>
        _invite.TopViaBranchBytes.Length + _invite.FromTagBytes.Length + _invite.ToTagBytes.Length + _invite.CallIdBytes.Length + (int)_invite.CSeq.Number;

    /// <summary>First typed access on a fresh message: parses Via list and From into objects.</summary>
    [Benchmark]
    public string? TypedViaAndFromOnFreshMessage()
    {
        var m = SipMessageParser.ParseDatagram(SipSampleMessages.Invite.AsMemory());
        return m.TopVia.Branch + m.From.Tag;
    }

    /// <summary>Typed access once cached.</summary>
    [Benchmark]
    public string? TypedViaAndFromCached() => _invite.TopVia.Branch + _invite.From.Tag;
}
