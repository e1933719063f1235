using CallCenterSdk.Ivr.Data;
using CallCenterSdk.Ivr.Expressions;
using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Prompts;

namespace CallCenterSdk.Ivr.Steps;

/// <summary>
/// Calls an <see cref="IIvrDataSource"/> and stores the results as <c>PREFIX.FIELD</c> variables. The step's
/// timeout (default 5 s) goes to <see cref="FlowStep.OnTimeout"/>; an error goes to <see cref="OnFailure"/>
/// with <c>PREFIX.error</c> set.
/// </summary>
public sealed class DataLookupStep : FlowStep
{
    /// <summary>Creates the step with the 5 s default timeout.</summary>
    public DataLookupStep(string id, string source, TextTemplate operation) : base(id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        Source = source;
        Operation = operation;
        Timeout = TimeSpan.FromSeconds(5);
    }

    /// <inheritdoc />
    public override string StepType => "lookup";

    /// <summary>The data source's name in <see cref="IvrServices.DataSources"/>.</summary>
    public string Source { get; }

    /// <summary>The operation or resource (a template, e.g. "customers/{caller.number}").</summary>
    public TextTemplate Operation { get; }

    /// <summary>Parameters passed to the source.</summary>
    public IReadOnlyList<KeyValuePair<string, Expression>> Parameters { get; init; } = [];

    /// <summary>Prefix of result variables. Default "data".</summary>
    public string ResultPrefix { get; init; } = "data";

    /// <summary>Where to go on success; null ends the flow.</summary>
    public string? Next { get; init; }

    /// <summary>Where to go on failure; null fails the flow.</summary>
    public string? OnFailure { get; init; }

    /// <inheritdoc />
    protected override IEnumerable<string?> BranchTargets => [Next, OnFailure];

    internal override async ValueTask<string?> ExecuteAsync(FlowSession session, CancellationToken cancellationToken)
    {
        if (!session.Services.DataSources.TryGetValue(Source, out var source))
        {
            throw new FlowExecutionException($"Look-up step '{Id}' uses data source '{Source}', which is not in IvrServices.DataSources.");
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, expression) in Parameters)
        {
            parameters[name] = expression.Evaluate(session).ToString();
        }

        string operation = Operation.Render(session);
        session.Record(FlowTraceKind.External, $"lookup {Source} {operation}");
        IReadOnlyDictionary<string, string?> results;
        try
        {
            results = await source.LookupAsync(operation, parameters, cancellationToken).ConfigureAwait(false);
        }
        catch (DataLookupException e) when (OnFailure is not null)
        {
            session.SetVariable(ResultPrefix + ".error", e.Message);
            session.Record(FlowTraceKind.Branch, "lookup failed: " + e.Message);
            return OnFailure;
        }

        foreach (var (field, value) in results)
        {
            session.SetVariable(ResultPrefix + "." + field, value);
        }

        return Next;
    }
}
