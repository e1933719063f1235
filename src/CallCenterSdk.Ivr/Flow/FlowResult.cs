using CallCenterSdk.Ivr.Expressions;

namespace CallCenterSdk.Ivr.Flow;

/// <summary>The end of one flow execution.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="Reason">The hang-up reason, transfer target or error text.</param>
/// <param name="Variables">The top-level flow variables at the end.</param>
/// <param name="Trace">The path taken.</param>
/// <param name="Error">The exception that stopped the flow, for <see cref="FlowOutcome.Failed"/>.</param>
public sealed record FlowResult(
    FlowOutcome Outcome,
    string Reason,
    IReadOnlyDictionary<string, ExpressionValue> Variables,
    FlowTrace Trace,
    Exception? Error);
