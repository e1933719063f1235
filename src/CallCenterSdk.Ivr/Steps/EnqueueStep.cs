using CallCenterSdk.Ivr.Expressions;
using CallCenterSdk.Ivr.Flow;
using CallCenterSdk.Ivr.Prompts;
using CallCenterSdk.Ivr.Queueing;

namespace CallCenterSdk.Ivr.Steps;

/// <summary>
/// Puts the caller in an ACD queue (through <see cref="IIvrQueue"/>) with hold music, position and
/// expected-wait announcements and periodic messages, until an agent answers. When the agent hangs up the
/// caller comes back to <see cref="Next"/> (for a survey); when the wait ends without an agent (queue
/// timeout, no agents, <see cref="MaxWait"/>) the flow goes to <see cref="OnFailure"/>. Sets
/// <c>queue.name</c>, <c>queue.position</c>, <c>queue.waitSeconds</c>, <c>queue.waitMinutes</c>,
/// <c>queue.agent</c> and <c>queue.result</c> (agenthungup, timedout, noagents, failed, maxwait).
/// </summary>
public sealed class EnqueueStep : FlowStep
{
    /// <summary>The default position announcement.</summary>
    public static readonly IReadOnlyList<Prompt> DefaultAnnouncement =
    [
        new TextPrompt("You are number {queue.position} in line. Your expected wait is about {queue.waitMinutes} minutes."),
    ];

    /// <summary>Creates the step with a 4-hour step timeout (waiting plus the conversation).</summary>
    public EnqueueStep(string id, TextTemplate queue) : base(id)
    {
        Queue = queue;
        Timeout = TimeSpan.FromHours(4);
    }

    /// <inheritdoc />
    public override string StepType => "enqueue";

    /// <summary>The queue's name (a template).</summary>
    public TextTemplate Queue { get; }

    /// <summary>The caller's priority. Default <c>coalesce(caller.priority, 0)</c> (the VIP boost).</summary>
    public Expression Priority { get; init; } = Expression.Parse("coalesce(caller.priority, 0)");

    /// <summary>The agent group. Default <c>caller.group</c> (the VIP group).</summary>
    public Expression Group { get; init; } = Expression.Parse("caller.group");

    /// <summary>Music looped while waiting. Default one second of silence looped.</summary>
    public IReadOnlyList<Prompt> HoldMusic { get; init; } = [new SilencePrompt(TimeSpan.FromSeconds(1))];

    /// <summary>Announce position and expected wait. Default true.</summary>
    public bool AnnouncePosition { get; init; } = true;

    /// <summary>The announcement (templates may use queue.position and queue.waitMinutes).</summary>
    public IReadOnlyList<Prompt> Announcement { get; init; } = DefaultAnnouncement;

    /// <summary>Time between announcements (the first is on entry). Default 60 s.</summary>
    public TimeSpan AnnouncementInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Messages played periodically ("you can also reach us on the web"); empty for none.</summary>
    public IReadOnlyList<Prompt> PeriodicMessages { get; init; } = [];

    /// <summary>Time between periodic messages. Default 45 s.</summary>
    public TimeSpan PeriodicInterval { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>Longest wait before giving up on the queue; null waits for the queue's own limits.</summary>
    public TimeSpan? MaxWait { get; init; }

    /// <summary>Where the caller goes after the agent hangs up; null ends the flow.</summary>
    public string? Next { get; init; }

    /// <summary>Where the caller goes when no agent took the call; null uses <see cref="Next"/>.</summary>
    public string? OnFailure { get; init; }

    /// <inheritdoc />
    protected override IEnumerable<string?> BranchTargets => [Next, OnFailure];

    internal override async ValueTask<string?> ExecuteAsync(FlowSession session, CancellationToken cancellationToken)
    {
        var queueService = session.Services.Queue
            ?? throw new FlowExecutionException($"Enqueue step '{Id}' needs IvrServices.Queue.");
        string queueName = Queue.Render(session);
        var priorityValue = Priority.Evaluate(session);
        int priority = priorityValue.TryGetNumber(out decimal p) ? (int)Math.Clamp(p, int.MinValue, int.MaxValue) : 0;
        var groupValue = Group.Evaluate(session);
        var request = new QueueRequest(session.Channel.TenantId, queueName, session.Channel.CallId, session.Channel.CallerNumber,
            priority, groupValue.IsNull ? null : groupValue.ToString());
        session.SetVariable("queue.name", queueName);
        session.Record(FlowTraceKind.External, $"enqueue {queueName} priority {priority}{(request.Group is null ? "" : " group " + request.Group)}");

        var queued = await queueService.EnqueueAsync(request, session.Channel, cancellationToken).ConfigureAwait(false);
        await using (queued.ConfigureAwait(false))
        {
            try
            {
                return await WaitAsync(session, queued, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Hang-up or step timeout: the ACD must stop offering this call to agents.
                await queued.LeaveAsync(session.Channel.IsHungUp ? "caller hung up" : "step timeout", CancellationToken.None).ConfigureAwait(false);
                throw;
            }
        }
    }

    private async Task<string?> WaitAsync(FlowSession session, IQueuedCall queued, CancellationToken cancellationToken)
    {
        var time = session.Services.Time;
        DateTimeOffset start = time.GetUtcNow();
        DateTimeOffset nextAnnouncement = start;
        DateTimeOffset nextPeriodic = start + PeriodicInterval;
        var stop = Task.WhenAny(queued.Answered, queued.Completed);
        while (!stop.IsCompleted)
        {
            DateTimeOffset now = time.GetUtcNow();
            if (MaxWait is { } maxWait && now - start >= maxWait)
            {
                await queued.LeaveAsync("maximum wait", cancellationToken).ConfigureAwait(false);
                session.SetVariable("queue.result", "maxwait");
                session.Record(FlowTraceKind.Branch, "maximum wait reached");
                return OnFailure ?? Next;
            }

            if (AnnouncePosition && now >= nextAnnouncement)
            {
                var status = queued.Status;
                session.SetVariable("queue.position", status.Position);
                session.SetVariable("queue.waitSeconds", (decimal)Math.Round(status.ExpectedWait.TotalSeconds));
                session.SetVariable("queue.waitMinutes", (decimal)Math.Max(1, Math.Ceiling(status.ExpectedWait.TotalMinutes)));
                nextAnnouncement = now + AnnouncementInterval;
                await PlayUntilAsync(session, Announcement, 1, stop, null, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (PeriodicMessages.Count > 0 && now >= nextPeriodic)
            {
                nextPeriodic = now + PeriodicInterval;
                await PlayUntilAsync(session, PeriodicMessages, 1, stop, null, cancellationToken).ConfigureAwait(false);
                continue;
            }

            DateTimeOffset due = DateTimeOffset.MaxValue;
            if (AnnouncePosition)
            {
                due = nextAnnouncement;
            }

            if (PeriodicMessages.Count > 0 && nextPeriodic < due)
            {
                due = nextPeriodic;
            }

            if (MaxWait is { } limit && start + limit < due)
            {
                due = start + limit;
            }

            await PlayUntilAsync(session, HoldMusic, 0, stop, due == DateTimeOffset.MaxValue ? null : due - now, cancellationToken).ConfigureAwait(false);
        }

        if (queued.Answered.IsCompletedSuccessfully)
        {
            session.SetVariable("queue.agent", queued.Answered.Result);
            session.Record(FlowTraceKind.External, "answered by agent " + queued.Answered.Result);
        }

        var outcome = await queued.Completed.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (outcome.AgentId is not null)
        {
            session.SetVariable("queue.agent", outcome.AgentId);
        }

        session.SetVariable("queue.result", outcome.Kind.ToString().ToLowerInvariant());
        session.Record(FlowTraceKind.Branch, $"queue outcome {outcome.Kind} {outcome.Detail}");
        if (outcome.Kind == QueueOutcomeKind.AgentHungUp)
        {
            // Talking to an agent is input in the loop-guard's sense.
            session.StepsSinceInput = 0;
            return Next;
        }

        return OnFailure ?? Next;
    }

    private static async Task PlayUntilAsync(FlowSession session, IReadOnlyList<Prompt> prompts, int loop, Task stop, TimeSpan? limit, CancellationToken cancellationToken)
    {
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var timer = limit is { } l
            ? session.Services.Time.CreateTimer(static s => ((CancellationTokenSource)s!).Cancel(), interrupt, l, System.Threading.Timeout.InfiniteTimeSpan)
            : null;
        _ = stop.ContinueWith(static (_, s) =>
        {
            try
            {
                ((CancellationTokenSource)s!).Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The wait already ended.
            }
        }, interrupt, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            await session.PlayAsync(prompts, loop, false, interrupt.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }
}
