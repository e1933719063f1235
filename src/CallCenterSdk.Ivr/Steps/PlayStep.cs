using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Prompts;

namespace CallCenterSdk.Ivr.Steps;

/// <summary>
/// Plays prompts (speech, files, tones). With barge-in, a key stops the prompts and stays pending as input
/// for the next step (so "press 1 any time" works across a play and a following gather).
/// </summary>
public sealed class PlayStep(string id, IReadOnlyList<Prompt> prompts) : FlowStep(id)
{
    /// <inheritdoc />
    public override string StepType => "play";

    /// <summary>The prompts, played in order.</summary>
    public IReadOnlyList<Prompt> Prompts { get; } = prompts;

    /// <summary>How many times to play the prompts; 0 repeats until a key (with barge-in) or the step timeout. Default 1.</summary>
    public int Loop { get; init; } = 1;

    /// <summary>A key stops the prompts. Default false.</summary>
    public bool BargeIn { get; init; }

    /// <summary>The next node; null ends the flow.</summary>
    public string? Next { get; init; }

    /// <inheritdoc />
    public override bool TakesInput => BargeIn;

    /// <inheritdoc />
    protected override IEnumerable<string?> BranchTargets => [Next];

    internal override async ValueTask<string?> ExecuteAsync(FlowSession session, CancellationToken cancellationToken)
    {
        if (await session.PlayAsync(Prompts, Loop, BargeIn, cancellationToken).ConfigureAwait(false))
        {
            // Barge-in is caller input: it resets the no-input loop guard.
            session.StepsSinceInput = 0;
        }

        return Next;
    }
}
