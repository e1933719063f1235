using CallCenterSdk.Ivr.Expressions;
using CallCenterSdk.Ivr.Flow;

namespace CallCenterSdk.Ivr.Steps;

/// <summary>
/// Runs another flow (from <see cref="IvrServices.Flows"/>) with parameters, in its own variable scope, and
/// copies chosen variables back when it ends. A hang-up or transfer inside the sub-flow ends the whole call's flow.
/// </summary>
public sealed class SubFlowStep(string id, string flowId) : FlowStep(id)
{
    /// <inheritdoc />
    public override string StepType => "subflow";

    /// <summary>The flow to run.</summary>
    public string FlowId { get; } = flowId;

    /// <summary>Parameters: names in the sub-flow and expressions evaluated in the caller's scope.</summary>
    public IReadOnlyList<KeyValuePair<string, Expression>> Arguments { get; init; } = [];

    /// <summary>Results: sub-flow variable name to the caller's variable name.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Outputs { get; init; } = [];

    /// <summary>The next node; null ends the flow.</summary>
    public string? Next { get; init; }

    /// <inheritdoc />
    protected override IEnumerable<string?> BranchTargets => [Next];

    internal override async ValueTask<string?> ExecuteAsync(FlowSession session, CancellationToken cancellationToken)
    {
        if (session.Services.Flows is null || !session.Services.Flows.TryGetFlow(FlowId, out var flow))
        {
            throw new FlowExecutionException($"Sub-flow step '{Id}' calls flow '{FlowId}', which is not in IvrServices.Flows.");
        }

        var arguments = new Dictionary<string, ExpressionValue>(StringComparer.Ordinal);
        foreach (var (name, expression) in Arguments)
        {
            arguments[name] = expression.Evaluate(session);
        }

        var results = await session.RunSubFlowAsync(flow, arguments, cancellationToken).ConfigureAwait(false);
        foreach (var (from, to) in Outputs)
        {
            session.SetVariable(to, results.TryGetValue(from, out var value) ? value : ExpressionValue.Null);
        }

        return Next;
    }
}
