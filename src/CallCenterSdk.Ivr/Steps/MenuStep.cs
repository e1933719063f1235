using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Prompts;

namespace CallCenterSdk.Ivr.Steps;

/// <summary>
/// A one-key menu: keys to targets, a default for other keys, a repeat key, a key back to the previous menu
/// (menus nest to any depth and may jump anywhere), and retries with "no input" and "invalid" prompts.
/// Sets <c>menu.choice</c> (or <see cref="Variable"/>) to the key chosen.
/// </summary>
public sealed class MenuStep(string id, IReadOnlyList<Prompt> prompts, IReadOnlyDictionary<char, string> options) : FlowStep(id)
{
    /// <inheritdoc />
    public override string StepType => "menu";

    /// <summary>The menu prompt.</summary>
    public IReadOnlyList<Prompt> Prompts { get; } = prompts;

    /// <summary>Keys and the nodes they lead to.</summary>
    public IReadOnlyDictionary<char, string> Options { get; } = options;

    /// <summary>Where any key without an option goes; null treats it as invalid.</summary>
    public string? Default { get; init; }

    /// <summary>Replays the menu without using an attempt; null for none. Default '*'.</summary>
    public char? RepeatKey { get; init; } = '*';

    /// <summary>Returns to the menu the caller came from; null for none. Default null.</summary>
    public char? BackKey { get; init; }

    /// <summary>Wait for a key after the prompt. Default 5 s.</summary>
    public TimeSpan InputTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts before giving up. Default 3.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Played after no input.</summary>
    public IReadOnlyList<Prompt>? NoInputPrompts { get; init; }

    /// <summary>Played after an invalid key.</summary>
    public IReadOnlyList<Prompt>? InvalidPrompts { get; init; }

    /// <summary>Keys stop the prompt. Default true.</summary>
    public bool BargeIn { get; init; } = true;

    /// <summary>Where to go after the last failed attempt; null ends the flow.</summary>
    public string? OnFailure { get; init; }

    /// <summary>Variable that receives the key. Default "menu.choice".</summary>
    public string Variable { get; init; } = "menu.choice";

    /// <inheritdoc />
    public override bool TakesInput => true;

    /// <inheritdoc />
    protected override IEnumerable<string?> BranchTargets => Options.Values.Append(Default).Append(OnFailure);

    internal override async ValueTask<string?> ExecuteAsync(FlowSession session, CancellationToken cancellationToken)
    {
        var history = session.MenuHistory;
        string here = session.FlowId + "/" + Id;
        if (history.Count == 0 || history[^1] != here)
        {
            history.Add(here);
        }

        int attempt = 1;
        while (attempt <= MaxAttempts)
        {
            await session.PlayAsync(Prompts, 1, BargeIn, cancellationToken).ConfigureAwait(false);
            char? key = await session.Digits.ReadAsync(InputTimeout, cancellationToken).ConfigureAwait(false);
            if (key is null)
            {
                session.Record(FlowTraceKind.NoInput, $"attempt {attempt} of {MaxAttempts}");
                if (attempt++ < MaxAttempts)
                {
                    await session.SayAsync(NoInputPrompts, cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            char k = key.Value;
            if (k == RepeatKey)
            {
                session.Accept("repeat");
                session.Digits.Clear();
                continue;
            }

            if (k == BackKey && history.Count >= 2 && history[^2].StartsWith(session.FlowId + "/", StringComparison.Ordinal))
            {
                session.Accept("back");
                history.RemoveAt(history.Count - 1);
                string previous = history[^1];
                history.RemoveAt(history.Count - 1);
                return previous[(session.FlowId.Length + 1)..];
            }

            if (Options.TryGetValue(k, out string? target) || (Default is not null && (target = Default) is not null))
            {
                session.Accept(k.ToString());
                session.SetVariable(Variable, k.ToString());
                return target;
            }

            session.Record(FlowTraceKind.InvalidInput, $"'{k}' attempt {attempt} of {MaxAttempts}");
            session.Digits.Clear();
            if (attempt++ < MaxAttempts)
            {
                await session.SayAsync(InvalidPrompts, cancellationToken).ConfigureAwait(false);
            }
        }

        session.Record(FlowTraceKind.Branch, "failed: no valid choice");
        return OnFailure;
    }
}
