using System.Text;
using System.Text.RegularExpressions;
using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Prompts;

namespace CallCenterSdk.Ivr.Steps;

/// <summary>
/// Collects digits into a variable: prompt (with barge-in), first-digit and inter-digit timeouts, a finish
/// key, maximum and minimum length, an optional validation pattern, and retries with separate "no input"
/// and "invalid" prompts. Sets <c>VAR</c> to the digits and <c>VAR.status</c> to ok, noinput or invalid.
/// </summary>
public sealed class GatherStep : FlowStep
{
    /// <summary>
    /// The longest a pattern may take to match one input (50 ms). A pattern that backtracks catastrophically
    /// (ReDoS) counts the input as invalid when it runs out, and the trace says why.
    /// </summary>
    public static readonly TimeSpan PatternMatchTimeout = TimeSpan.FromMilliseconds(50);

    private readonly Regex? _pattern;

    /// <summary>Creates the step; throws <see cref="ArgumentException"/> for inconsistent options.</summary>
    public GatherStep(string id, string variable, IReadOnlyList<Prompt> prompts, string? pattern = null) : base(id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(variable);
        Variable = variable;
        Prompts = prompts;
        if (pattern is not null)
        {
            try
            {
                // Anchored and time-bounded: a flow author's pattern must not hang a call (ReDoS).
                _pattern = new Regex("^(?:" + pattern + ")$", RegexOptions.CultureInvariant, PatternMatchTimeout);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Gather '{id}': pattern '{pattern}' is not a valid regular expression: {e.Message}", nameof(pattern), e);
            }
        }

        Pattern = pattern;
    }

    /// <inheritdoc />
    public override string StepType => "gather";

    /// <summary>The variable that receives the digits.</summary>
    public string Variable { get; }

    /// <summary>The prompts asking for input.</summary>
    public IReadOnlyList<Prompt> Prompts { get; }

    /// <summary>A regular expression the whole input must match, or null.</summary>
    public string? Pattern { get; }

    /// <summary>Stop after this many digits. Default 10.</summary>
    public int MaxDigits { get; init; } = 10;

    /// <summary>Fewer digits is invalid. Default 1.</summary>
    public int MinDigits { get; init; } = 1;

    /// <summary>Keys that end input (not stored); empty for none. Default "#".</summary>
    public string FinishOnKey { get; init; } = "#";

    /// <summary>Wait for the first digit after the prompt. Default 5 s.</summary>
    public TimeSpan FirstDigitTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Wait between digits; expiry ends input. Default 3 s.</summary>
    public TimeSpan InterDigitTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Attempts before giving up (first try included). Default 3.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Played after an attempt without input, before the next attempt.</summary>
    public IReadOnlyList<Prompt>? NoInputPrompts { get; init; }

    /// <summary>Played after invalid input, before the next attempt.</summary>
    public IReadOnlyList<Prompt>? InvalidPrompts { get; init; }

    /// <summary>Keys stop the prompt. Default true.</summary>
    public bool BargeIn { get; init; } = true;

    /// <summary>Where to go with valid input; null ends the flow.</summary>
    public string? Next { get; init; }

    /// <summary>Where to go after the last failed attempt; null goes to <see cref="Next"/> with the status set.</summary>
    public string? OnFailure { get; init; }

    /// <inheritdoc />
    public override bool TakesInput => true;

    /// <inheritdoc />
    protected override IEnumerable<string?> BranchTargets => [Next, OnFailure];

    internal override async ValueTask<string?> ExecuteAsync(FlowSession session, CancellationToken cancellationToken)
    {
        string status = "noinput";
        for (int attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            if (attempt > 1)
            {
                session.Digits.Clear();
            }

            await session.PlayAsync(Prompts, 1, BargeIn, cancellationToken).ConfigureAwait(false);
            var (digits, finished) = await CollectAsync(session, cancellationToken).ConfigureAwait(false);
            if (digits.Length == 0 && !finished)
            {
                status = "noinput";
                session.Record(FlowTraceKind.NoInput, $"attempt {attempt} of {MaxAttempts}");
                if (attempt < MaxAttempts)
                {
                    await session.SayAsync(NoInputPrompts, cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            if (IsValid(session, digits))
            {
                session.Accept(digits);
                session.SetVariable(Variable, digits);
                session.SetVariable(Variable + ".status", "ok");
                return Next;
            }

            status = "invalid";
            session.Record(FlowTraceKind.InvalidInput, $"'{digits}' attempt {attempt} of {MaxAttempts}");
            if (attempt < MaxAttempts)
            {
                await session.SayAsync(InvalidPrompts, cancellationToken).ConfigureAwait(false);
            }
        }

        session.SetVariable(Variable, string.Empty);
        session.SetVariable(Variable + ".status", status);
        session.Record(FlowTraceKind.Branch, $"failed: {status}");
        return OnFailure ?? Next;
    }

    private async ValueTask<(string Digits, bool Finished)> CollectAsync(FlowSession session, CancellationToken cancellationToken)
    {
        var digits = new StringBuilder();
        TimeSpan wait = FirstDigitTimeout;
        while (digits.Length < MaxDigits)
        {
            char? digit = await session.Digits.ReadAsync(wait, cancellationToken).ConfigureAwait(false);
            if (digit is null)
            {
                break;
            }

            if (FinishOnKey.Contains(digit.Value, StringComparison.Ordinal))
            {
                return (digits.ToString(), true);
            }

            digits.Append(digit.Value);
            wait = InterDigitTimeout;
        }

        return (digits.ToString(), false);
    }

    private bool IsValid(FlowSession session, string digits)
    {
        if (digits.Length < MinDigits)
        {
            return false;
        }

        try
        {
            return _pattern is null || _pattern.IsMatch(digits);
        }
        catch (RegexMatchTimeoutException)
        {
            session.Record(FlowTraceKind.Error, $"pattern '{Pattern}' ran out of its {PatternMatchTimeout.TotalMilliseconds} ms match limit; the input counts as invalid");
            return false;
        }
    }
}
