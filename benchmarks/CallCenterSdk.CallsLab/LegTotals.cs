using System.Globalization;
using CallCenterSdk.Calls;

namespace CallCenterSdk.CallsLab;

/// <summary>
/// RTP counters summed over the legs of one side (the legs facing the load generator, or those facing the far
/// end), for legs that ended and legs still up.
/// </summary>
internal sealed class LegTotals
{
    private long _legs;
    private long _received;
    private long _expected;
    private long _lost;
    private long _sent;
    private long _relayed;
    private long _sendFailures;
    private long _lateFrames;
    private long _concealedFrames;
    private long _framesDue;
    private long _silent;
    private long _mute;

    public void Add(CallLeg leg)
    {
        var stats = leg.GetStatistics();
        _legs++;
        _received += stats.PacketsReceived;
        if (stats.PacketsReceived == 0 && leg.AnsweredAt is not null)
        {
            // Answered but nothing arrived: a leg whose media never ran, or a peer that never sent.
            _silent++;
        }

        if (stats.PacketsSent == 0 && leg.AnsweredAt is not null)
        {
            // Answered but sent nothing.
            _mute++;
        }

        _expected += stats.PacketsExpected;
        _lost += stats.PacketsLost;
        _sent += stats.PacketsSent;
        _relayed += leg.Media.RelayedPackets;
        _sendFailures += leg.Media.SendFailures;
        if (leg.Media.JitterStatistics is { } jitter)
        {
            _lateFrames += jitter.Late;
            _concealedFrames += jitter.ConcealedFrames;
        }

        if (leg.AnsweredAt is { } answered)
        {
            var end = leg.EndedAt ?? DateTimeOffset.UtcNow;
            _framesDue += (long)((end - answered).TotalMilliseconds / 20);
        }
    }

    public void Add(LegTotals other)
    {
        _legs += other._legs;
        _received += other._received;
        _expected += other._expected;
        _lost += other._lost;
        _sent += other._sent;
        _relayed += other._relayed;
        _sendFailures += other._sendFailures;
        _lateFrames += other._lateFrames;
        _concealedFrames += other._concealedFrames;
        _framesDue += other._framesDue;
        _silent += other._silent;
        _mute += other._mute;
    }

    /// <summary>key=value pairs with <paramref name="prefix"/>, for the lab's one-line reports.</summary>
    public string Format(string prefix) => string.Create(
        CultureInfo.InvariantCulture,
        $"{prefix}_legs={_legs} {prefix}_rx={_received} {prefix}_expected={_expected} {prefix}_lost={_lost} {prefix}_tx={_sent} {prefix}_relayed={_relayed} {prefix}_send_failures={_sendFailures} {prefix}_late={_lateFrames} {prefix}_concealed={_concealedFrames} {prefix}_frames_due={_framesDue} {prefix}_silent={_silent} {prefix}_mute={_mute}");
}
