using CallCenterSdk.Ivr.Expressions;
using CallCenterSdk.Ivr.Prompts;
using CallCenterSdk.Ivr.Steps;

namespace CallCenterSdk.Ivr.Flow;

/// <summary>
/// Writes flows in C#. Steps are added in order; <see cref="Build"/> validates exactly as the JSON loader
/// does, and the result runs on the same <see cref="FlowEngine"/>.
/// <code>
/// var flow = new FlowBuilder("main")
///     .Play("welcome", "menu", Prompt.Say("Welcome to Example Corp."))
///     .Menu("menu", [Prompt.Say("Press 1 for sales, 2 for support.")], ('1', "sales"), ('2', "support"))
///     .Add(new TransferStep("sales", TransferTargetKind.Queue, TextTemplate.Parse("sales")) { OnFailure = "bye" })
///     .Add(new TransferStep("support", TransferTargetKind.Queue, TextTemplate.Parse("support")) { OnFailure = "bye" })
///     .HangUp("bye", "done")
///     .Build();
/// </code>
/// </summary>
public sealed class FlowBuilder
{
    private readonly List<FlowStep> _steps = [];
    private readonly List<string> _parameters = [];
    private readonly string _id;
    private readonly int _version;
    private string? _start;

    /// <summary>Starts a flow; the first step added is the start unless <see cref="StartAt"/> says otherwise.</summary>
    public FlowBuilder(string id, int version = 1)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        _id = id;
        _version = version;
    }

    /// <summary>Sets the start node.</summary>
    public FlowBuilder StartAt(string nodeId)
    {
        _start = nodeId;
        return this;
    }

    /// <summary>Declares a parameter the flow accepts as a sub-flow.</summary>
    public FlowBuilder Parameter(string name)
    {
        _parameters.Add(name);
        return this;
    }

    /// <summary>Adds any step (all options are available through its initializer).</summary>
    public FlowBuilder Add(FlowStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        _steps.Add(step);
        _start ??= step.Id;
        return this;
    }

    /// <summary>Adds a play step without barge-in.</summary>
    public FlowBuilder Play(string id, string? next, params Prompt[] prompts) => Add(new PlayStep(id, prompts) { Next = next });

    /// <summary>Adds a one-key menu.</summary>
    public FlowBuilder Menu(string id, IReadOnlyList<Prompt> prompts, params (char Key, string Target)[] options) =>
        Add(new MenuStep(id, prompts, options.ToDictionary(o => o.Key, o => o.Target)));

    /// <summary>Adds a gather step with default options.</summary>
    public FlowBuilder Gather(string id, string variable, string? next, params Prompt[] prompts) =>
        Add(new GatherStep(id, variable, prompts) { Next = next });

    /// <summary>Adds a set step; expressions are parsed now and a malformed one throws <see cref="ExpressionException"/>.</summary>
    public FlowBuilder Set(string id, string? next, params (string Variable, string Expression)[] assignments) =>
        Add(new SetStep(id, assignments.Select(a => new KeyValuePair<string, Expression>(a.Variable, Expression.Parse(a.Expression))).ToList()) { Next = next });

    /// <summary>Adds a condition step.</summary>
    public FlowBuilder If(string id, string? @else, params (string Condition, string Target)[] branches) =>
        Add(new ConditionStep(id, branches.Select(b => new KeyValuePair<Expression, string>(Expression.Parse(b.Condition), b.Target)).ToList()) { Else = @else });

    /// <summary>Adds a goto step.</summary>
    public FlowBuilder Goto(string id, string target) => Add(new GotoStep(id, target));

    /// <summary>Adds a hang-up step.</summary>
    public FlowBuilder HangUp(string id, string reason, params Prompt[] prompts) =>
        Add(new HangUpStep(id, TextTemplate.Parse(reason)) { Prompts = prompts });

    /// <summary>Validates and returns the flow; throws <see cref="FlowValidationException"/> listing every problem.</summary>
    public IvrFlow Build() => IvrFlow.Create(_id, _version, _start ?? string.Empty, _steps, _parameters);
}
