using CallCenterSdk.Ivr.Flow;

namespace CallCenterSdk.Ivr.Steps;

/// <summary>Jumps to another node (menus jump anywhere with it).</summary>
public sealed class GotoStep(string id, string target) : FlowStep(id)
{
    /// <inheritdoc />
    public override string StepType => "goto";

    /// <summary>The node to jump to.</summary>
    public string Target { get; } = target;

    /// <inheritdoc />
    protected override IEnumerable<string?> BranchTargets => [Target];

    internal override ValueTask<string?> ExecuteAsync(FlowSession session, CancellationToken cancellationToken) =>
        ValueTask.FromResult<string?>(Target);
}
