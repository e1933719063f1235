using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Schedules;

namespace CallCenterSdk.Ivr.Steps;

/// <summary>
/// Branches on the tenant's business schedule at the engine clock's now: open, closed or holiday. Sets
/// <c>schedule.state</c> (open, closed, holiday) and <c>schedule.name</c> (the holiday or special day).
/// </summary>
public sealed class ScheduleStep(string id, string scheduleId) : FlowStep(id)
{
    /// <inheritdoc />
    public override string StepType => "schedule";

    /// <summary>The schedule's id in the tenant's catalog.</summary>
    public string ScheduleId { get; } = scheduleId;

    /// <summary>Where to go when open.</summary>
    public string? OnOpen { get; init; }

    /// <summary>Where to go when closed.</summary>
    public string? OnClosed { get; init; }

    /// <summary>Where to go on a holiday; null uses <see cref="OnClosed"/>.</summary>
    public string? OnHoliday { get; init; }

    /// <inheritdoc />
    protected override IEnumerable<string?> BranchTargets => [OnOpen, OnClosed, OnHoliday];

    internal override ValueTask<string?> ExecuteAsync(FlowSession session, CancellationToken cancellationToken)
    {
        if (session.Services.Schedules is null || !session.Services.Schedules.TryGetSchedule(session.Channel.TenantId, ScheduleId, out var schedule))
        {
            throw new FlowExecutionException($"Schedule step '{Id}': tenant '{session.Channel.TenantId}' has no schedule '{ScheduleId}'.");
        }

        var status = schedule.Evaluate(session.Now);
        session.SetVariable("schedule.state", status.State.ToString().ToLowerInvariant());
        session.SetVariable("schedule.name", status.Name ?? string.Empty);
        session.Record(FlowTraceKind.Branch, $"{status.State} at {status.LocalTime:yyyy-MM-dd HH:mm zzz}{(status.Name is null ? "" : " " + status.Name)}");
        return ValueTask.FromResult(status.State switch
        {
            ScheduleState.Open => OnOpen,
            ScheduleState.Holiday => OnHoliday ?? OnClosed,
            _ => OnClosed,
        });
    }
}
