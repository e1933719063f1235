using CallCenterSdk.Ivr.Expressions;
using CallCenterSdk.Ivr.Flow;

namespace CallCenterSdk.Ivr.Steps;

/// <summary>Sets variables from expressions, in order (a later one may use an earlier one).</summary>
public sealed class SetStep(string id, IReadOnlyList<KeyValuePair<string, Expression>> assignments) : FlowStep(id)
{
    /// <inheritdoc />
    public override string StepType => "set";

    /// <summary>Variable names and the expressions assigned to them.</summary>
    public IReadOnlyList<KeyValuePair<string, Expression>> Assignments { get; } = assignments;

    /// <summary>The next node; null ends the flow.</summary>
    public string? Next { get; init; }

    /// <inheritdoc />
    protected override IEnumerable<string?> BranchTargets => [Next];

    internal override ValueTask<string?> ExecuteAsync(FlowSession session, CancellationToken cancellationToken)
    {
        foreach (var (name, expression) in Assignments)
        {
            session.SetVariable(name, expression.Evaluate(session));
        }

        return ValueTask.FromResult(Next);
    }
}
