namespace CallCenterSdk.Crm.Tickets;

/// <summary>
/// The pure decisions behind every ticket change: given the stored ticket, the action and the time,
/// the new ticket and the history entries to append. Stores only load and save.
/// </summary>
internal static class TicketChanges
{
    public const string SystemActor = "system";

    public static (Ticket Ticket, TicketEvent[] Events) Create(TicketDraft d, string actor, DateTimeOffset now, TicketEscalationPolicy policy)
    {
        var ticket = new Ticket(0, d.Kind, d.Priority, TicketStatus.New, d.Subject.Trim(), d.Description ?? string.Empty, d.CustomerId, d.CallId,
            null, 0, policy.DeadlineOf(d.Priority, now, 1), now, now);
        return (ticket, [new TicketEvent(0, now, actor, TicketEventKind.Created, null, nameof(TicketStatus.New), null)]);
    }

    public static (Ticket Ticket, TicketEvent[] Events) ChangeStatus(Ticket t, TicketStatus to, string actor, string? note, DateTimeOffset now, TicketEscalationPolicy policy)
    {
        TicketWorkflow.EnsureCanMove(t.Id, t.Status, to);
        var next = t with
        {
            Status = to,
            UpdatedAt = now,
            NextEscalationAt = TicketWorkflow.Escalates(to) ? policy.DeadlineOf(t.Priority, t.CreatedAt, t.EscalationLevel + 1) : null,
        };
        return (next, [new TicketEvent(t.Id, now, actor, TicketEventKind.StatusChanged, t.Status.ToString(), to.ToString(), note)]);
    }

    public static (Ticket Ticket, TicketEvent[] Events) Assign(Ticket t, string assignee, string actor, DateTimeOffset now, TicketEscalationPolicy policy)
    {
        if (string.IsNullOrWhiteSpace(assignee) || assignee.Length > 128)
        {
            throw new CrmValidationException("assignee", "is required and at most 128 characters");
        }

        if (TicketWorkflow.IsTerminal(t.Status))
        {
            throw new TicketWorkflowException($"ticket {t.Id} is {t.Status} and cannot be assigned");
        }

        var events = new List<TicketEvent> { new(t.Id, now, actor, TicketEventKind.Assigned, t.Assignee, assignee, null) };
        var next = t with { Assignee = assignee, UpdatedAt = now };
        if (t.Status == TicketStatus.New)
        {
            var (moved, statusEvents) = ChangeStatus(next, TicketStatus.Assigned, actor, null, now, policy);
            next = moved;
            events.AddRange(statusEvents);
        }

        return (next, [.. events]);
    }

    /// <summary>Raises the level to the one reached at <paramref name="now"/>, one history entry per level; null when nothing is due.</summary>
    public static (Ticket Ticket, TicketEvent[] Events)? Escalate(Ticket t, DateTimeOffset now, TicketEscalationPolicy policy)
    {
        if (!TicketWorkflow.Escalates(t.Status) || t.NextEscalationAt is not { } due || due > now)
        {
            return null;
        }

        var reached = policy.LevelAt(t.Priority, t.CreatedAt, now);
        if (reached <= t.EscalationLevel)
        {
            return null;
        }

        var events = new List<TicketEvent>();
        for (var level = t.EscalationLevel + 1; level <= reached; level++)
        {
            var deadline = policy.DeadlineOf(t.Priority, t.CreatedAt, level)!.Value;
            events.Add(new TicketEvent(t.Id, now, SystemActor, TicketEventKind.Escalated, (level - 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                level.ToString(System.Globalization.CultureInfo.InvariantCulture), $"deadline {deadline:yyyy-MM-dd HH:mm:ss}Z passed"));
        }

        var next = t with { EscalationLevel = reached, NextEscalationAt = policy.DeadlineOf(t.Priority, t.CreatedAt, reached + 1), UpdatedAt = now };
        return (next, [.. events]);
    }
}
