using CallCenterSdk.Calls.Media;
using CallCenterSdk.Media.Audio;
using CallCenterSdk.Media.Mixing;
using CallCenterSdk.Media.Resampling;

namespace CallCenterSdk.Calls.Conferencing;

/// <summary>
/// A conference of any number of legs through a mix-minus <see cref="ConferenceMixer"/> (nobody hears
/// themselves), mixed in the <see cref="MediaClockPhase.Mix"/> phase of the engine's clock: each leg's taps feed
/// the mixer in the receive phase and the mix reaches every leg in the send phase of the same tick. Legs join and
/// leave at any time, at any sample rate (resampled to <see cref="ConferenceOptions.SampleRate"/> and back), and a
/// re-INVITE that changes a leg's codec rewires it. A member is muted (cannot speak) or deaf (cannot hear) by
/// flags on <see cref="ConferenceMember"/>. When a member hangs up or is removed the conference ends or goes on
/// according to <see cref="ConferenceOptions.EndPolicy"/>.
/// </summary>
/// <remarks>
/// A leg relayed by a <see cref="Bridging.Bridge"/> is refused (<see cref="Add"/> throws): relayed packets
/// replace what the leg hears, so the mix would never reach it. Stop the bridge first (<c>bridge.Stop()</c>
/// keeps both legs up) and add both legs: that is how a two-party call becomes a conference.
/// </remarks>
public sealed class Conference : IMediaClockClient, IAsyncDisposable
{
    private readonly CallEngine _engine;
    private readonly ConferenceMixer _mixer;
    private readonly object _gate = new();
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<ConferenceMember> _members = [];
    private bool _isEnded;

    /// <summary>Creates a conference ticked by <paramref name="engine"/>'s media clock; its members must be legs of that engine.</summary>
    public Conference(CallEngine engine, ConferenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Options = options ?? new ConferenceOptions();
        Options.Validate();
        _engine = engine;
        Format = new AudioFormat(Options.SampleRate);
        _mixer = new ConferenceMixer(Format);
        Name = Options.Name ?? "conference";
        engine.Clock.Add(this);
    }

    /// <summary>The options.</summary>
    public ConferenceOptions Options { get; }

    /// <summary>The name (for logs and CDRs).</summary>
    public string Name { get; }

    /// <summary>The rate and frame size the mixer runs at.</summary>
    public AudioFormat Format { get; }

    /// <summary>The members now (a snapshot).</summary>
    public IReadOnlyList<ConferenceMember> Members
    {
        get { lock (_gate) { return [.. _members]; } }
    }

    /// <summary>True once the conference has ended.</summary>
    public bool IsEnded
    {
        get { lock (_gate) { return _isEnded; } }
    }

    /// <summary>Completes when the conference ends.</summary>
    public Task Completion => _ended.Task;

    /// <summary>Raised when a leg joins.</summary>
    public event Action<Conference, ConferenceMember>? MemberJoined;

    /// <summary>Raised when a member leaves; the flag is true when its leg ended (hung up), false when it was removed.</summary>
    public event Action<Conference, ConferenceMember, bool>? MemberLeft;

    /// <summary>Raised once when the conference ends.</summary>
    public event Action<Conference>? Ended;

    /// <summary>
    /// Adds <paramref name="leg"/>: from the next tick it hears everyone else and everyone hears it (unless
    /// <paramref name="muted"/> or <paramref name="deaf"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The conference ended, the leg ended, is already a member, belongs to another engine, or is relayed by a
    /// bridge (stop the bridge first).
    /// </exception>
    public ConferenceMember Add(CallLeg leg, bool moderator = false, bool muted = false, bool deaf = false)
    {
        ArgumentNullException.ThrowIfNull(leg);
        if (leg.State == CallLegState.Ended)
        {
            throw new InvalidOperationException($"{leg.Id} has ended; it cannot join {Name}.");
        }

        if (!_engine.Legs.Contains(leg))
        {
            throw new InvalidOperationException($"{leg.Id} belongs to another engine: its media runs on another clock than {Name}.");
        }

        if (leg.Media.IsRelaying)
        {
            throw new InvalidOperationException($"{leg.Id} is relayed by a bridge; stop the bridge (Bridge.Stop keeps the legs up) before adding it to {Name}.");
        }

        ConferenceMember member;
        lock (_gate)
        {
            if (_isEnded)
            {
                throw new InvalidOperationException($"{Name} has ended.");
            }

            if (_members.Exists(m => ReferenceEquals(m.Leg, leg)))
            {
                throw new InvalidOperationException($"{leg.Id} is already in {Name}.");
            }

            member = new ConferenceMember(this, leg, moderator, _mixer, _engine.Time.GetUtcNow()) { IsMuted = muted, IsDeaf = deaf };
            _members.Add(member);
        }

        member.Wire();
        leg.Media.Negotiated += OnRenegotiated;
        leg.Ended += OnLegEnded;
        MemberJoined?.Invoke(this, member);
        if (leg.State == CallLegState.Ended)
        {
            // It ended while joining: it leaves as if it had hung up inside.
            OnLegEnded(leg, leg.EndCause!);
        }

        return member;
    }

    /// <summary>The member for <paramref name="leg"/>, or null.</summary>
    public ConferenceMember? Find(CallLeg leg)
    {
        lock (_gate)
        {
            return _members.Find(m => ReferenceEquals(m.Leg, leg));
        }
    }

    /// <summary>
    /// Takes <paramref name="leg"/> out of the conference; the leg stays up (to be bridged, held or hung up by
    /// the caller). The end policy applies. Returns false when it was not a member.
    /// </summary>
    public bool Remove(CallLeg leg)
    {
        ArgumentNullException.ThrowIfNull(leg);
        return Leave(leg, hungUp: false);
    }

    /// <summary>
    /// Plays <paramref name="source"/> to every member that is not deaf (an announcement, a beep on join) until it
    /// ends or <paramref name="cancellationToken"/> fires.
    /// </summary>
    public Task PlayAsync(IAudioSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Format.Channels != 1)
        {
            throw new ArgumentException("Conference announcements are mono.", nameof(source));
        }

        var announcement = new Announcement(source.Format.SampleRate == Format.SampleRate ? source : new ResamplingSource(source, Format.SampleRate));
        var participant = _mixer.Add("announcement", announcement, null);
        var registration = cancellationToken.Register(() => announcement.Done.TrySetCanceled(cancellationToken));
        _ = announcement.Done.Task.ContinueWith(
            _ =>
            {
                registration.Dispose();
                _mixer.Remove(participant);
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        _ = Completion.ContinueWith(_ => announcement.Done.TrySetResult(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return announcement.Done.Task;
    }

    /// <summary>
    /// Ends the conference: the mixer stops and every member is taken out; with <paramref name="hangUp"/> (the
    /// options' <see cref="ConferenceOptions.HangUpMembersOnEnd"/> when null) the members are hung up with
    /// <paramref name="q850Cause"/> and the task completes when they have ended.
    /// </summary>
    public async Task EndAsync(bool? hangUp = null, int q850Cause = CallEndCause.NormalClearing)
    {
        var remaining = EndCore();
        if (remaining is null)
        {
            return;
        }

        if (hangUp ?? Options.HangUpMembersOnEnd)
        {
            await Task.WhenAll(remaining.Where(m => m.Leg.State != CallLegState.Ended).Select(m => m.Leg.HangupAsync(q850Cause))).ConfigureAwait(false);
        }
    }

    /// <summary>Ends the conference as <see cref="EndAsync"/> does with the options' hang-up setting.</summary>
    public async ValueTask DisposeAsync() => await EndAsync().ConfigureAwait(false);

    /// <inheritdoc />
    void IMediaClockClient.OnTick(MediaClockPhase phase, TimeSpan now)
    {
        if (phase == MediaClockPhase.Mix)
        {
            _mixer.MixFrame();
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Members.Count} members)";

    private void OnLegEnded(CallLeg leg, CallEndCause cause) => Leave(leg, hungUp: true);

    private void OnRenegotiated(MediaSession media)
    {
        ConferenceMember? member;
        lock (_gate)
        {
            member = _members.Find(m => ReferenceEquals(m.Leg.Media, media));
        }

        // A new codec may bring a new rate: the leg's taps resample from the rate they were added at.
        member?.Wire();
    }

    private bool Leave(CallLeg leg, bool hungUp)
    {
        ConferenceMember? member;
        bool end;
        lock (_gate)
        {
            member = _members.Find(m => ReferenceEquals(m.Leg, leg));
            if (member is null)
            {
                return false;
            }

            _members.Remove(member);
            end = !_isEnded && Options.EndPolicy switch
            {
                ConferenceEndPolicy.WhenEmpty => _members.Count == 0,
                ConferenceEndPolicy.WhenOneLeft => _members.Count <= 1,
                ConferenceEndPolicy.WhenModeratorLeaves => member.IsModerator && !_members.Exists(m => m.IsModerator),
                _ => false,
            };
        }

        Detach(member);
        MemberLeft?.Invoke(this, member, hungUp);
        if (end)
        {
            _ = EndAsync();
        }

        return true;
    }

    private void Detach(ConferenceMember member)
    {
        member.Leg.Media.Negotiated -= OnRenegotiated;
        member.Leg.Ended -= OnLegEnded;
        _mixer.Remove(member.Participant);
        member.Unwire(close: true);
    }

    /// <summary>Marks the conference ended and detaches every member; null when it had already ended.</summary>
    private List<ConferenceMember>? EndCore()
    {
        List<ConferenceMember> remaining;
        lock (_gate)
        {
            if (_isEnded)
            {
                return null;
            }

            _isEnded = true;
            remaining = [.. _members];
            _members.Clear();
        }

        _engine.Clock.Remove(this);
        foreach (var member in remaining)
        {
            Detach(member);
        }

        Ended?.Invoke(this);
        _ended.TrySetResult();
        return remaining;
    }

    /// <summary>A speak-only participant that reports when its source runs out.</summary>
    private sealed class Announcement(IAudioSource source) : IAudioSource
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public AudioFormat Format => source.Format;

        public int ReadFrame(Span<short> frame)
        {
            if (Done.Task.IsCompleted)
            {
                return 0;
            }

            var n = source.ReadFrame(frame);
            if (n < frame.Length)
            {
                Done.TrySetResult();
            }

            return n;
        }
    }
}
