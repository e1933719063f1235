namespace CallCenterSdk.Calls.Routing;

/// <summary>
/// Applies extensions' forwarding rules to one call, as a pure state machine (no I/O, no clock): <see cref="Start"/>
/// says what to ring first, <see cref="After"/> what to do when that failed. Unconditional rules skip the
/// extension; busy rules apply to busy and declined calls; no-answer rules set the ring time and apply when it
/// rings out or cannot be reached. Rules chain from extension to extension, up to <see cref="MaxHops"/>, and a
/// forward back to an extension already on the path stops the walk (a loop).
/// </summary>
public sealed class ForwardingWalk
{
    private readonly Func<string, Extension?> _directory;
    private readonly TimeSpan _defaultRingTimeout;
    private readonly List<string> _path = [];
    private Extension? _current;
    private bool _started;

    /// <summary>Creates the walk for a call to <paramref name="number"/>.</summary>
    /// <param name="number">The dialled extension.</param>
    /// <param name="directory">Finds an extension by number (null when unknown).</param>
    /// <param name="defaultRingTimeout">How long an extension without a no-answer rule rings.</param>
    /// <param name="maxHops">How many forwards one call may take.</param>
    public ForwardingWalk(string number, Func<string, Extension?> directory, TimeSpan defaultRingTimeout, int maxHops = 5)
    {
        ArgumentException.ThrowIfNullOrEmpty(number);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(defaultRingTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(maxHops);
        Number = number;
        _directory = directory;
        _defaultRingTimeout = defaultRingTimeout;
        MaxHops = maxHops;
    }

    /// <summary>The dialled number.</summary>
    public string Number { get; }

    /// <summary>How many forwards one call may take.</summary>
    public int MaxHops { get; }

    /// <summary>The extensions and URIs the call went through, first to last.</summary>
    public IReadOnlyList<string> Path => _path;

    /// <summary>The first step: ring the dialled extension, or where it forwards unconditionally.</summary>
    /// <exception cref="InvalidOperationException">Already started.</exception>
    public ForwardingStep Start()
    {
        if (_started)
        {
            throw new InvalidOperationException("The walk has started already.");
        }

        _started = true;
        return Enter(Number, RingOutcome.Unreachable);
    }

    /// <summary>The step after the last target failed with <paramref name="outcome"/>.</summary>
    /// <exception cref="InvalidOperationException">Not started.</exception>
    public ForwardingStep After(RingOutcome outcome)
    {
        if (!_started)
        {
            throw new InvalidOperationException("Start the walk first.");
        }

        if (outcome == RingOutcome.Answered)
        {
            throw new ArgumentException("An answered call needs no forwarding.", nameof(outcome));
        }

        if (_current is null || outcome is RingOutcome.CallerHungUp or RingOutcome.Cancelled)
        {
            return new ForwardingStep(null, outcome, $"{Last} failed: {outcome}");
        }

        var condition = outcome is RingOutcome.Busy or RingOutcome.Rejected ? ForwardingCondition.Busy : ForwardingCondition.NoAnswer;
        return RuleFor(_current, condition) is { } rule
            ? Forward(rule, outcome)
            : new ForwardingStep(null, outcome, $"{_current.Number}: {outcome}, no {condition} forwarding");
    }

    private string Last => _path.Count > 0 ? _path[^1] : Number;

    private ForwardingStep Enter(string target, RingOutcome failure)
    {
        if (_path.Contains(target, StringComparer.Ordinal))
        {
            return new ForwardingStep(null, failure, $"forwarding loop back to {target} ({string.Join(" -> ", _path)})");
        }

        _path.Add(target);
        var extension = _directory(target);
        if (extension is null)
        {
            _current = null;
            return target.Contains(':', StringComparison.Ordinal)
                ? new ForwardingStep(new RingTarget(target, _defaultRingTimeout), failure, $"ring {target}")
                : new ForwardingStep(null, RingOutcome.Unreachable, $"unknown extension {target}");
        }

        _current = extension;
        if (RuleFor(extension, ForwardingCondition.Unconditional) is { } always)
        {
            return Forward(always, failure);
        }

        var ringFor = RuleFor(extension, ForwardingCondition.NoAnswer)?.NoAnswerAfter ?? _defaultRingTimeout;
        return new ForwardingStep(new RingTarget(extension.Uri, ringFor, extension.Destination) { Name = extension.Number }, failure, $"ring {extension.Number} for {ringFor.TotalSeconds:0.#} s");
    }

    private ForwardingStep Forward(ForwardingRule rule, RingOutcome failure) =>
        _path.Count > MaxHops
            ? new ForwardingStep(null, failure, $"more than {MaxHops} forwards ({string.Join(" -> ", _path)})")
            : Enter(rule.Target, failure);

    private static ForwardingRule? RuleFor(Extension extension, ForwardingCondition condition) =>
        extension.Forwarding.FirstOrDefault(r => r.Condition == condition);
}
