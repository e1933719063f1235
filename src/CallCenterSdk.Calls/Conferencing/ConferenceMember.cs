using CallCenterSdk.Calls.Media;
using CallCenterSdk.Media.Mixing;

namespace CallCenterSdk.Calls.Conferencing;

/// <summary>
/// A leg in a <see cref="Conference"/>: what it says reaches the mixer through one pipe, what the others say
/// comes back through another, both at the conference rate (the leg resamples at its end). Mute and deaf act on
/// the mixer's participant, so they take effect from the next 20 ms tick.
/// </summary>
public sealed class ConferenceMember
{
    private readonly object _gate = new();
    private readonly ConferenceParticipant _participant;
    private readonly AudioPipe _voice;
    private readonly AudioPipe _ear;
    private IDisposable? _tap;
    private IDisposable? _hearing;
    private int _wiredRate;

    internal ConferenceMember(Conference conference, CallLeg leg, bool moderator, ConferenceMixer mixer, DateTimeOffset joinedAt)
    {
        Conference = conference;
        Leg = leg;
        IsModerator = moderator;
        JoinedAt = joinedAt;
        _voice = new AudioPipe(mixer.Format);
        _ear = new AudioPipe(mixer.Format);
        _participant = mixer.Add(leg.Id, _voice, _ear);
    }

    /// <summary>The conference.</summary>
    public Conference Conference { get; }

    /// <summary>The leg.</summary>
    public CallLeg Leg { get; }

    /// <summary>True for a moderator (see <see cref="ConferenceEndPolicy.WhenModeratorLeaves"/>).</summary>
    public bool IsModerator { get; }

    /// <summary>When the leg joined.</summary>
    public DateTimeOffset JoinedAt { get; }

    /// <summary>Muted: the member cannot speak, nobody hears it (it still hears the others unless deaf).</summary>
    public bool IsMuted
    {
        get => !_participant.CanSpeak;
        set => _participant.CanSpeak = !value;
    }

    /// <summary>Deaf: the member hears nobody (the others still hear it unless muted).</summary>
    public bool IsDeaf
    {
        get => !_participant.CanHear;
        set => _participant.CanHear = !value;
    }

    internal ConferenceParticipant Participant => _participant;

    /// <summary>Connects the leg's audio to the pipes, at the leg's current rate.</summary>
    internal void Wire()
    {
        lock (_gate)
        {
            if (_wiredRate == Leg.Media.Format.SampleRate && _tap is not null)
            {
                return;
            }

            UnwireLocked();
            _tap = Leg.Listen(_voice);
            _hearing = Leg.Hear(_ear);
            _wiredRate = Leg.Media.Format.SampleRate;
        }
    }

    /// <summary>Disconnects the leg and closes the pipes.</summary>
    internal void Unwire(bool close)
    {
        lock (_gate)
        {
            UnwireLocked();
            if (close)
            {
                _voice.Close();
                _ear.Close();
            }
        }
    }

    private void UnwireLocked()
    {
        _tap?.Dispose();
        _hearing?.Dispose();
        _tap = null;
        _hearing = null;
        _wiredRate = 0;
    }
}
