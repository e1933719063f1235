using CallCenterSdk.Media.Tones;

namespace CallCenterSdk.Calls.Routing;

/// <summary>
/// Who to ring for a call and how: a target list rung in parallel or in sequence, with per-target ring timeouts,
/// an overall timeout, and what the caller hears meanwhile.
/// </summary>
public sealed class RingPlan
{
    /// <summary>Creates a plan over <paramref name="targets"/>.</summary>
    /// <exception cref="ArgumentException">The list is empty.</exception>
    public RingPlan(IEnumerable<RingTarget> targets, RingStrategy strategy = RingStrategy.Parallel)
    {
        ArgumentNullException.ThrowIfNull(targets);
        Targets = [.. targets];
        if (Targets.Count == 0)
        {
            throw new ArgumentException("A ring plan needs at least one target.", nameof(targets));
        }

        if (Targets.Any(t => t is null))
        {
            throw new ArgumentException("A ring plan's targets cannot be null.", nameof(targets));
        }

        Strategy = strategy;
    }

    /// <summary>The targets, in hunting order.</summary>
    public IReadOnlyList<RingTarget> Targets { get; }

    /// <summary>Parallel (ring-all) or sequential (hunt, follow-me).</summary>
    public RingStrategy Strategy { get; }

    /// <summary>How long a target rings when it does not say (20 s by default).</summary>
    public TimeSpan DefaultRingTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The longest the whole plan may ring before it gives up with <see cref="RingOutcome.NoAnswer"/> (60 s by default).</summary>
    public TimeSpan OverallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>At most this many targets are rung (all of them when 0).</summary>
    public int MaxTargets { get; init; }

    /// <summary>The From of the outbound legs (the caller's own From when null, so targets see the caller id).</summary>
    public string? From { get; init; }

    /// <summary>
    /// The tone the caller hears while targets ring, sent as 183 early media (EU ringback by default); null sends
    /// only 180 Ringing and lets the caller's phone make its own ringback.
    /// </summary>
    public ToneDefinition? RingbackTone { get; init; } = CallProgressTones.For("EU", CallProgressTone.Ringback);

    /// <summary>Relay a target's own early media (183 with SDP: announcements, its ringback) instead of our tone (true by default).</summary>
    public bool RelayEarlyMedia { get; init; } = true;

    /// <summary>The targets that will be rung: the first <see cref="MaxTargets"/>, or all.</summary>
    public IReadOnlyList<RingTarget> EffectiveTargets => MaxTargets > 0 && MaxTargets < Targets.Count ? [.. Targets.Take(MaxTargets)] : Targets;

    /// <summary>The ring timeout of <paramref name="target"/>.</summary>
    public TimeSpan RingTimeoutOf(RingTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.RingTimeout ?? DefaultRingTimeout;
    }
}
