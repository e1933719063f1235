using CallCenterSdk.Ivr.CallerLists;
using CallCenterSdk.Ivr.Channel;
using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Prompts;

namespace CallCenterSdk.Ivr.Steps;

/// <summary>
/// Screens the caller's number against the tenant's black, white and VIP lists (exact numbers and prefixes).
/// Sets <c>caller.list</c> (none, white, vip, black), <c>caller.priority</c> and <c>caller.group</c>, which the
/// enqueue step uses. A black-listed caller goes to <see cref="OnBlack"/> if set, otherwise the entry's own
/// action runs: hang up, play its message and hang up, or transfer to its extension.
/// </summary>
public sealed class CallerListStep(string id, string screenId) : FlowStep(id)
{
    /// <inheritdoc />
    public override string StepType => "callerlist";

    /// <summary>The screen's id in the tenant's catalog.</summary>
    public string ScreenId { get; } = screenId;

    /// <summary>Where black-listed callers go; null runs the entry's action.</summary>
    public string? OnBlack { get; init; }

    /// <summary>Where VIP callers go; null uses <see cref="Next"/>.</summary>
    public string? OnVip { get; init; }

    /// <summary>Where white-listed callers go; null uses <see cref="Next"/>.</summary>
    public string? OnWhite { get; init; }

    /// <summary>Where everyone else goes; null ends the flow.</summary>
    public string? Next { get; init; }

    /// <inheritdoc />
    protected override IEnumerable<string?> BranchTargets => [OnBlack, OnVip, OnWhite, Next];

    internal override async ValueTask<string?> ExecuteAsync(FlowSession session, CancellationToken cancellationToken)
    {
        if (session.Services.CallerLists is null || !session.Services.CallerLists.TryGetScreen(session.Channel.TenantId, ScreenId, out var screen))
        {
            throw new FlowExecutionException($"Caller-list step '{Id}': tenant '{session.Channel.TenantId}' has no caller list '{ScreenId}'.");
        }

        var entry = screen.Classify(session.Channel.CallerNumber);
        var kind = entry?.Kind ?? CallerListKind.None;
        session.SetVariable("caller.list", kind.ToString().ToLowerInvariant());
        session.SetVariable("caller.priority", kind == CallerListKind.Vip ? entry!.Priority : 0);
        session.SetVariable("caller.group", kind == CallerListKind.Vip ? entry!.Group : null);
        session.Record(FlowTraceKind.Branch, $"{kind}{(entry is null ? "" : $" by {(entry.IsPrefix ? "prefix" : "number")} {entry.Number}")}");
        switch (kind)
        {
            case CallerListKind.Vip:
                return OnVip ?? Next;
            case CallerListKind.White:
                return OnWhite ?? Next;
            case CallerListKind.Black when OnBlack is not null:
                return OnBlack;
            case CallerListKind.Black:
                return await ApplyBlackListAsync(session, entry!, cancellationToken).ConfigureAwait(false);
            default:
                return Next;
        }
    }

    private static async ValueTask<string?> ApplyBlackListAsync(FlowSession session, CallerListEntry entry, CancellationToken cancellationToken)
    {
        if (entry.Action == BlackListAction.RouteToExtension && entry.Extension is { } extension)
        {
            var result = await session.Channel.TransferAsync(new TransferTarget(TransferTargetKind.Extension, extension),
                TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            if (result.Succeeded)
            {
                session.Finish(FlowOutcome.Transferred, "black list: extension " + extension);
                return null;
            }
        }
        else if (entry.Action == BlackListAction.PlayMessage && entry.Message is { } message)
        {
            await session.SayAsync([new TextPrompt(message)], cancellationToken).ConfigureAwait(false);
        }

        const string reason = "caller is black-listed";
        session.Finish(FlowOutcome.HungUp, reason);
        await session.Channel.HangUpAsync(reason, cancellationToken).ConfigureAwait(false);
        return null;
    }
}
