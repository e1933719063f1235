using CallCenterSdk.Ivr.Channel;
using CallCenterSdk.Ivr.Expressions;

namespace CallCenterSdk.Ivr.Flow;

/// <summary>
/// Runs flows on calls. One engine serves any number of concurrent calls; each run has its own session.
/// Execution stops at once when the caller hangs up (every wait is cancelled through one token), every
/// step is bounded by its timeout, and the result carries the trace of nodes visited and inputs received.
/// </summary>
public sealed class FlowEngine
{
    /// <summary>Creates an engine over the host's services.</summary>
    public FlowEngine(IvrServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        Services = services;
    }

    /// <summary>The services steps use.</summary>
    public IvrServices Services { get; }

    /// <summary>
    /// Runs <paramref name="flow"/> on <paramref name="channel"/> until it ends, the call ends, or
    /// <paramref name="cancellationToken"/> is cancelled. Never throws for flow errors: they are reported
    /// as <see cref="FlowOutcome.Failed"/> with the trace.
    /// </summary>
    /// <param name="flow">The flow.</param>
    /// <param name="channel">The caller.</param>
    /// <param name="variables">Initial variables (parameters of the flow), or null.</param>
    /// <param name="cancellationToken">Stops the execution (host shutdown).</param>
    public async Task<FlowResult> RunAsync(
        IvrFlow flow, ICallChannel channel, IReadOnlyDictionary<string, ExpressionValue>? variables = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(channel);
        var trace = new FlowTrace();
        using var session = new FlowSession(channel, Services, trace);
        foreach (var pair in variables ?? new Dictionary<string, ExpressionValue>())
        {
            session.SetVariable(pair.Key, pair.Value);
        }

        using var hangUp = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        string? hangUpReason = null;
        void OnHungUp(object? sender, CallHungUpEventArgs e)
        {
            hangUpReason = e.Reason;
            if (e.Party != HangUpParty.Flow)
            {
                hangUp.Cancel();
            }
        }

        channel.HungUp += OnHungUp;
        IvrMetrics.FlowsStarted.Add(1);
        Exception? error = null;
        try
        {
            if (channel.IsHungUp)
            {
                hangUp.Cancel();
            }

            await session.RunFlowAsync(flow, hangUp.Token).ConfigureAwait(false);
            session.Finish(FlowOutcome.Completed, "end of flow");
        }
        catch (OperationCanceledException) when (channel.IsHungUp && session.Outcome is null)
        {
            session.Finish(FlowOutcome.CallerHungUp, hangUpReason ?? "caller hung up");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            session.Finish(FlowOutcome.Cancelled, "cancelled by the host");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A flow error must not take the host down: it ends this call's flow and is reported with the trace.
            error = e;
            session.Record(FlowTraceKind.Error, e.Message);
            session.Finish(FlowOutcome.Failed, e.Message);
        }
        finally
        {
            channel.HungUp -= OnHungUp;
        }

        if (session.Outcome == FlowOutcome.CallerHungUp)
        {
            session.Record(FlowTraceKind.HangUp, session.OutcomeReason);
        }

        IvrMetrics.FlowsEnded.Add(1, new KeyValuePair<string, object?>("outcome", session.Outcome!.Value.ToString()));
        return new FlowResult(session.Outcome!.Value, session.OutcomeReason,
            new Dictionary<string, ExpressionValue>(session.RootVariables, StringComparer.Ordinal), trace, error);
    }
}
