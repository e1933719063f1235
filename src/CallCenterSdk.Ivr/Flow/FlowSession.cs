using System.Globalization;
using CallCenterSdk.Ivr.Channel;
using CallCenterSdk.Ivr.Expressions;
using CallCenterSdk.Ivr.Prompts;

namespace CallCenterSdk.Ivr.Flow;

/// <summary>
/// The per-call state of a flow execution: variables (one scope per sub-flow level), pending digits, menu
/// history, the trace and the outcome. Steps read and write it; nothing in it is shared between calls.
/// Built-in read-only variables: <c>call.id</c>, <c>call.tenant</c>, <c>call.called</c>,
/// <c>caller.number</c>, and <c>call.var.NAME</c> for the channel's call variables.
/// </summary>
internal sealed class FlowSession : IVariableScope, IDisposable
{
    private readonly Stack<Dictionary<string, ExpressionValue>> _scopes = new();

    public FlowSession(ICallChannel channel, IvrServices services, FlowTrace trace)
    {
        Channel = channel;
        Services = services;
        Trace = trace;
        _scopes.Push(new Dictionary<string, ExpressionValue>(StringComparer.Ordinal));
        Digits = new DigitBuffer(channel, services.Time, e =>
        {
            IvrMetrics.Digits.Add(1, new KeyValuePair<string, object?>("transport", e.Transport.ToString()));
            Record(FlowTraceKind.Digit, $"{e.Digit} via {e.Transport}");
        });
    }

    public ICallChannel Channel { get; }

    public IvrServices Services { get; }

    public FlowTrace Trace { get; }

    public DigitBuffer Digits { get; }

    /// <summary>Menu node ids in the order they were entered, for the "previous menu" key.</summary>
    public List<string> MenuHistory { get; } = [];

    public string FlowId { get; private set; } = string.Empty;

    public string? NodeId { get; set; }

    public FlowOutcome? Outcome { get; private set; }

    public string OutcomeReason { get; private set; } = string.Empty;

    public int StepsSinceInput { get; set; }

    public int SubFlowDepth { get; private set; }

    public IReadOnlyDictionary<string, ExpressionValue> Variables => _scopes.Peek();

    public IReadOnlyDictionary<string, ExpressionValue> RootVariables => _scopes.Last();

    public DateTimeOffset Now => Services.Time.GetUtcNow();

    public bool TryGetVariable(string name, out ExpressionValue value)
    {
        if (_scopes.Peek().TryGetValue(name, out value))
        {
            return true;
        }

        string? builtIn = name switch
        {
            "call.id" => Channel.CallId,
            "call.tenant" => Channel.TenantId,
            "call.called" => Channel.CalledNumber,
            "caller.number" => Channel.CallerNumber,
            _ when name.StartsWith("call.var.", StringComparison.Ordinal)
                && Channel.Variables.TryGetValue(name["call.var.".Length..], out var v) => v,
            _ => null,
        };
        value = ExpressionValue.FromString(builtIn);
        return builtIn is not null;
    }

    public void SetVariable(string name, ExpressionValue value)
    {
        _scopes.Peek()[name] = value;
        Record(FlowTraceKind.Variable, $"{name}={value}");
    }

    public void SetVariable(string name, string? value) => SetVariable(name, ExpressionValue.FromString(value));

    public void SetVariable(string name, decimal value) => SetVariable(name, ExpressionValue.FromNumber(value));

    public void Record(FlowTraceKind kind, string detail) =>
        Trace.Add(new FlowTraceEntry(Now, FlowId, NodeId, kind, detail));

    /// <summary>Marks input accepted: resets the no-input loop guard and records it.</summary>
    public void Accept(string value)
    {
        StepsSinceInput = 0;
        Record(FlowTraceKind.Input, value);
    }

    public void Finish(FlowOutcome outcome, string reason)
    {
        Outcome ??= outcome;
        if (Outcome == outcome)
        {
            OutcomeReason = reason;
        }
    }

    /// <summary>
    /// Plays <paramref name="prompts"/> <paramref name="loop"/> times (0 = until interrupted or timed out).
    /// With barge-in, a digit (or one already typed ahead) stops playback and stays in the buffer as input.
    /// Returns true when a digit interrupted the prompts.
    /// </summary>
    public async ValueTask<bool> PlayAsync(IReadOnlyList<Prompt> prompts, int loop, bool bargeIn, CancellationToken cancellationToken)
    {
        if (prompts.Count == 0)
        {
            return bargeIn && Digits.Count > 0;
        }

        for (int round = 0; loop == 0 || round < loop; round++)
        {
            foreach (var prompt in prompts)
            {
                if (bargeIn && Digits.Count > 0)
                {
                    Record(FlowTraceKind.BargeIn, "type-ahead before " + prompt.Description);
                    return true;
                }

                var source = await Services.Prompts.RenderAsync(prompt, this, Channel.Format, cancellationToken).ConfigureAwait(false);
                Record(FlowTraceKind.Prompt, prompt.Description);
                if (!bargeIn)
                {
                    await Channel.PlayAsync(source, prompt.Description, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                using (Digits.OnDigit(interrupt.Cancel))
                {
                    try
                    {
                        await Channel.PlayAsync(source, prompt.Description, interrupt.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                    }
                }

                if (interrupt.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    Record(FlowTraceKind.BargeIn, prompt.Description);
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Plays prompts without barge-in (error messages, confirmations).</summary>
    public ValueTask<bool> SayAsync(IReadOnlyList<Prompt>? prompts, CancellationToken cancellationToken) =>
        prompts is null ? ValueTask.FromResult(false) : PlayAsync(prompts, 1, false, cancellationToken);

    /// <summary>Runs <paramref name="flow"/> from its start in the current variable scope until it ends or the call ends.</summary>
    public async Task RunFlowAsync(IvrFlow flow, CancellationToken cancellationToken)
    {
        string previousFlow = FlowId;
        FlowId = flow.Id;
        try
        {
            string? next = flow.Start;
            while (next is not null && Outcome is null)
            {
                if (!flow.TryGetStep(next, out var step))
                {
                    throw new FlowExecutionException($"Flow '{flow.Id}' has no node '{next}'.");
                }

                if (++StepsSinceInput > Services.MaxStepsWithoutInput)
                {
                    throw new FlowExecutionException(
                        $"Flow '{flow.Id}' ran {Services.MaxStepsWithoutInput} steps without caller input (last node '{step.Id}'); it is looping.");
                }

                NodeId = step.Id;
                Record(FlowTraceKind.Enter, step.StepType);
                next = await RunStepAsync(step, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            FlowId = previousFlow;
        }
    }

    /// <summary>Runs a sub-flow in a fresh variable scope holding only <paramref name="arguments"/>.</summary>
    public async Task<IReadOnlyDictionary<string, ExpressionValue>> RunSubFlowAsync(
        IvrFlow flow, Dictionary<string, ExpressionValue> arguments, CancellationToken cancellationToken)
    {
        if (SubFlowDepth >= Services.MaxSubFlowDepth)
        {
            throw new FlowExecutionException($"Sub-flow '{flow.Id}' would nest deeper than {Services.MaxSubFlowDepth} levels.");
        }

        string? node = NodeId;
        SubFlowDepth++;
        _scopes.Push(arguments);
        Record(FlowTraceKind.SubFlow, "enter " + flow.Id);
        try
        {
            await RunFlowAsync(flow, cancellationToken).ConfigureAwait(false);
            return _scopes.Peek();
        }
        finally
        {
            _scopes.Pop();
            SubFlowDepth--;
            NodeId = node;
            Record(FlowTraceKind.SubFlow, "leave " + flow.Id);
        }
    }

    private async ValueTask<string?> RunStepAsync(FlowStep step, CancellationToken cancellationToken)
    {
        TimeSpan limit = step.Timeout ?? Services.DefaultStepTimeout;
        using var timeout = new CancellationTokenSource(limit, Services.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await step.ExecuteAsync(this, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            IvrMetrics.StepTimeouts.Add(1, new KeyValuePair<string, object?>("step", step.StepType));
            Record(FlowTraceKind.Timeout, $"step timeout {limit.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
            return step.OnTimeout ?? throw new FlowExecutionException(
                $"Step '{step.Id}' ({step.StepType}) timed out after {limit} and has no onTimeout branch.");
        }
    }

    public void Dispose() => Digits.Dispose();
}
