using System.Collections.Frozen;

namespace CallCenterSdk.Ivr.Flow;

/// <summary>
/// A validated flow: a start node and a graph of steps. Built with <see cref="FlowBuilder"/> or loaded by
/// <see cref="Json.FlowJsonLoader"/>; both validate and both run on <see cref="FlowEngine"/>.
/// </summary>
public sealed class IvrFlow
{
    private readonly FrozenDictionary<string, FlowStep> _steps;

    internal IvrFlow(string id, int version, string start, IReadOnlyList<FlowStep> steps, IReadOnlyList<string> parameters)
    {
        Id = id;
        Version = version;
        Start = start;
        Steps = steps;
        Parameters = parameters;
        _steps = steps.ToFrozenDictionary(s => s.Id, StringComparer.Ordinal);
    }

    /// <summary>The flow's id (sub-flows are called by it).</summary>
    public string Id { get; }

    /// <summary>The flow's own revision number, chosen by its author.</summary>
    public int Version { get; }

    /// <summary>The id of the first step.</summary>
    public string Start { get; }

    /// <summary>Steps in declaration order.</summary>
    public IReadOnlyList<FlowStep> Steps { get; }

    /// <summary>Names of the parameters a caller of this flow as a sub-flow may pass.</summary>
    public IReadOnlyList<string> Parameters { get; }

    /// <summary>Finds a step by id.</summary>
    public bool TryGetStep(string id, out FlowStep step) => _steps.TryGetValue(id, out step!);

    /// <summary>
    /// Validates and creates a flow. Throws <see cref="FlowValidationException"/> listing every problem.
    /// </summary>
    public static IvrFlow Create(string id, int version, string start, IEnumerable<FlowStep> steps, IEnumerable<string>? parameters = null)
    {
        var list = steps.ToList();
        var errors = FlowValidator.Validate(id, start, list);
        if (errors.Count > 0)
        {
            throw new FlowValidationException(id, errors);
        }

        return new IvrFlow(id, version, start, list, parameters?.ToList() ?? []);
    }
}
