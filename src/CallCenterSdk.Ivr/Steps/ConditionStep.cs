using CallCenterSdk.Ivr.Expressions;
using CallCenterSdk.Ivr.Flow;

namespace CallCenterSdk.Ivr.Steps;

/// <summary>Goes to the target of the first branch whose expression is true, else to <see cref="Else"/>.</summary>
public sealed class ConditionStep(string id, IReadOnlyList<KeyValuePair<Expression, string>> branches) : FlowStep(id)
{
    /// <inheritdoc />
    public override string StepType => "condition";

    /// <summary>Conditions and their targets, tested in order.</summary>
    public IReadOnlyList<KeyValuePair<Expression, string>> Branches { get; } = branches;

    /// <summary>Where to go when no condition holds; null ends the flow.</summary>
    public string? Else { get; init; }

    /// <inheritdoc />
    protected override IEnumerable<string?> BranchTargets => Branches.Select(b => (string?)b.Value).Append(Else);

    internal override ValueTask<string?> ExecuteAsync(FlowSession session, CancellationToken cancellationToken)
    {
        foreach (var (condition, target) in Branches)
        {
            if (condition.Evaluate(session).IsTruthy)
            {
                session.Record(FlowTraceKind.Branch, condition.Text);
                return ValueTask.FromResult<string?>(target);
            }
        }

        session.Record(FlowTraceKind.Branch, "else");
        return ValueTask.FromResult(Else);
    }
}
