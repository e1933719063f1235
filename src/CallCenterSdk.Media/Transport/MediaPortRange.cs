namespace CallCenterSdk.Media.Transport;

/// <summary>
/// A configurable range of UDP ports for media, handed out as even RTP ports with the next odd port for RTCP
/// (RFC 3550 §11), round-robin so a just-released port is not reused at once. Thread-safe; share one per
/// process (or per address) among thousands of sessions.
/// </summary>
public sealed class MediaPortRange
{
    private readonly Lock _gate = new();
    private readonly HashSet<int> _inUse = [];
    private int _next;

    /// <summary>Creates a range from <paramref name="first"/> to <paramref name="last"/> inclusive.</summary>
    public MediaPortRange(int first, int last)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(first, 1024);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(last, 65535);
        if (last - first < 1)
        {
            throw new ArgumentException(FormattableString.Invariant($"The range {first}-{last} holds no RTP/RTCP port pair."), nameof(last));
        }

        First = (first + 1) & ~1;
        Last = last;
        _next = First;
    }

    /// <summary>The lowest (even) RTP port.</summary>
    public int First { get; }

    /// <summary>The highest port.</summary>
    public int Last { get; }

    /// <summary>The number of RTP/RTCP pairs in the range.</summary>
    public int PairCount => (Last - First + 1) / 2;

    /// <summary>Ports currently handed out.</summary>
    public int InUse
    {
        get
        {
            lock (_gate)
            {
                return _inUse.Count;
            }
        }
    }

    /// <summary>Reserves the next free even port; false when every pair is in use.</summary>
    public bool TryReserve(out int rtpPort)
    {
        lock (_gate)
        {
            for (var i = 0; i < PairCount; i++)
            {
                var candidate = _next;
                _next += 2;
                if (_next + 1 > Last)
                {
                    _next = First;
                }

                if (_inUse.Add(candidate))
                {
                    rtpPort = candidate;
                    return true;
                }
            }
        }

        rtpPort = 0;
        return false;
    }

    /// <summary>Returns a port reserved by <see cref="TryReserve"/>.</summary>
    public void Release(int rtpPort)
    {
        lock (_gate)
        {
            _inUse.Remove(rtpPort);
        }
    }
}
