namespace CallCenterSdk.Ivr.Flow;

/// <summary>
/// One node of a flow. Steps are immutable option holders; the engine runs them with a per-call session, so
/// one flow object serves every concurrent call.
/// </summary>
public abstract class FlowStep
{
    private TimeSpan? _timeout;
    private string? _onTimeout;

    /// <summary>Creates a step with its node id.</summary>
    protected FlowStep(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        Id = id;
    }

    /// <summary>The node id, unique within its flow.</summary>
    public string Id { get; }

    /// <summary>The JSON <c>type</c> of this step.</summary>
    public abstract string StepType { get; }

    /// <summary>The longest this step may run; null uses <see cref="IvrServices.DefaultStepTimeout"/>.</summary>
    public TimeSpan? Timeout { get => _timeout; init => _timeout = value; }

    /// <summary>Where to go when the step times out; null fails the flow with a step-timeout error.</summary>
    public string? OnTimeout { get => _onTimeout; init => _onTimeout = value; }

    /// <summary>Sets the timeout options after construction (the JSON loader reads them before the step's own options).</summary>
    internal void SetTimeout(TimeSpan? timeout, string? onTimeout)
    {
        _timeout = timeout;
        _onTimeout = onTimeout;
    }

    /// <summary>True when the step waits for the caller (digits, speech): loops through such a step are allowed.</summary>
    public virtual bool TakesInput => false;

    /// <summary>Every node this step can go to, including <see cref="OnTimeout"/>.</summary>
    public IEnumerable<string> Targets => BranchTargets.Append(OnTimeout).Where(t => t is not null).Select(t => t!);

    /// <summary>The step's own branch targets (nulls are ignored).</summary>
    protected abstract IEnumerable<string?> BranchTargets { get; }

    /// <summary>Runs the step and returns the next node id, or null to end the flow.</summary>
    internal abstract ValueTask<string?> ExecuteAsync(FlowSession session, CancellationToken cancellationToken);
}
