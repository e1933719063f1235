using CallCenterSdk.Crm.Paging;
using CallCenterSdk.Crm.Tests.Support;
using CallCenterSdk.Crm.Tickets;

namespace CallCenterSdk.Crm.Tests.Contract;

public abstract class TicketStoreContract(IStoreFactory factory) : ContractTest(factory)
{
    [Fact]
    public async Task A_ticket_follows_the_workflow_and_every_step_is_in_its_history()
    {
        var t = Tenants.New("ticket");
        var id = await Store.Tickets.CreateAsync(t, new TicketDraft(TicketKind.Complaint, TicketPriority.Normal, "Invoice wrong", "Billed twice", 42, "call-1"), "alice");
        var created = (await Store.Tickets.GetAsync(t, id))!;
        Assert.Equal((TicketStatus.New, 0), (created.Status, created.EscalationLevel));
        Assert.Equal(Clock.GetUtcNow().AddHours(8), created.NextEscalationAt);

        await Assert.ThrowsAsync<TicketWorkflowException>(() => Store.Tickets.ChangeStatusAsync(t, id, TicketStatus.Closed, "alice"));
        var assigned = await Store.Tickets.AssignAsync(t, id, "bob", "alice");
        Assert.Equal((TicketStatus.Assigned, "bob"), (assigned.Status, assigned.Assignee));
        await Store.Tickets.ChangeStatusAsync(t, id, TicketStatus.InProgress, "bob");
        var waiting = await Store.Tickets.ChangeStatusAsync(t, id, TicketStatus.WaitingOnCustomer, "bob", "asked for invoice number");
        Assert.Null(waiting.NextEscalationAt);
        await Store.Tickets.CommentAsync(t, id, "bob", "customer sent it");
        await Store.Tickets.ChangeStatusAsync(t, id, TicketStatus.Resolved, "bob");
        var closed = await Store.Tickets.ChangeStatusAsync(t, id, TicketStatus.Closed, "alice");
        await Assert.ThrowsAsync<TicketWorkflowException>(() => Store.Tickets.ChangeStatusAsync(t, id, TicketStatus.InProgress, "alice"));
        await Assert.ThrowsAsync<TicketWorkflowException>(() => Store.Tickets.AssignAsync(t, id, "carol", "alice"));
        Assert.Equal(TicketStatus.Closed, closed.Status);

        var history = await Store.Tickets.GetHistoryAsync(t, id);
        Assert.Equal(
            [(TicketEventKind.Created, null, "New"), (TicketEventKind.Assigned, null, "bob"), (TicketEventKind.StatusChanged, "New", "Assigned"),
             (TicketEventKind.StatusChanged, "Assigned", "InProgress"), (TicketEventKind.StatusChanged, "InProgress", "WaitingOnCustomer"),
             (TicketEventKind.Commented, null, null), (TicketEventKind.StatusChanged, "WaitingOnCustomer", "Resolved"), (TicketEventKind.StatusChanged, "Resolved", "Closed")],
            history.Select(h => (h.Kind, h.From, h.To)));
        Assert.Equal("asked for invoice number", history[4].Note);
    }

    [Fact]
    public async Task Open_tickets_escalate_level_by_level_as_deadlines_pass()
    {
        var t = Tenants.New("escalate");
        var urgent = await Store.Tickets.CreateAsync(t, new TicketDraft(TicketKind.RepairOrder, TicketPriority.Urgent, "Line down"), "alice");
        var normal = await Store.Tickets.CreateAsync(t, new TicketDraft(TicketKind.Inquiry, TicketPriority.Normal, "Question"), "alice");
        var parked = await Store.Tickets.CreateAsync(t, new TicketDraft(TicketKind.Complaint, TicketPriority.Urgent, "Parked"), "alice");
        await Store.Tickets.ChangeStatusAsync(t, parked, TicketStatus.InProgress, "bob");
        await Store.Tickets.ChangeStatusAsync(t, parked, TicketStatus.WaitingOnCustomer, "bob");

        Assert.Empty(await Store.Tickets.EscalateDueAsync(t));
        Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal([(urgent, 1)], (await Store.Tickets.EscalateDueAsync(t)).Select(x => (x.Id, x.EscalationLevel)));
        Assert.Empty(await Store.Tickets.EscalateDueAsync(t));
        // Three hours later the urgent ticket is past levels 2 (2 h) and 3 (4 h): both steps are recorded.
        Clock.Advance(TimeSpan.FromHours(3));
        var jumped = Assert.Single(await Store.Tickets.EscalateDueAsync(t));
        Assert.Equal((urgent, 3), (jumped.Id, jumped.EscalationLevel));
        Assert.Null(jumped.NextEscalationAt);
        Clock.Advance(TimeSpan.FromHours(19));
        var late = Assert.Single(await Store.Tickets.EscalateDueAsync(t));
        Assert.Equal((normal, 1), (late.Id, late.EscalationLevel));
        Assert.Equal(late.CreatedAt.AddHours(24), late.NextEscalationAt);
        Assert.Equal(0, (await Store.Tickets.GetAsync(t, parked))!.EscalationLevel);

        var levels = (await Store.Tickets.GetHistoryAsync(t, urgent)).Where(h => h.Kind == TicketEventKind.Escalated).Select(h => (h.From, h.To, h.Actor));
        Assert.Equal([("0", "1", "system"), ("1", "2", "system"), ("2", "3", "system")], levels);
        Assert.Equal([urgent], (await Store.Tickets.ListAsync(t, new TicketQuery(MinEscalationLevel: 2), PageRequest.First)).Items.Select(x => x.Id));
    }

    [Fact]
    public async Task Lists_filter_by_status_assignee_and_customer_with_paging()
    {
        var t = Tenants.New("ticket-list");
        var ids = new List<long>();
        for (var i = 0; i < 9; i++)
        {
            var id = await Store.Tickets.CreateAsync(t, new TicketDraft(TicketKind.Inquiry, TicketPriority.Low, $"T{i}", CustomerId: i % 2), "alice");
            ids.Add(id);
            if (i % 3 == 0)
            {
                await Store.Tickets.AssignAsync(t, id, "bob", "alice");
            }
        }

        var bobs = new List<long>();
        string? token = null;
        do
        {
            var page = await Store.Tickets.ListAsync(t, new TicketQuery(Assignee: "bob"), new PageRequest(2, token));
            bobs.AddRange(page.Items.Select(x => x.Id));
            token = page.NextPageToken;
        }
        while (token is not null);

        Assert.Equal([ids[0], ids[3], ids[6]], bobs);
        Assert.Equal(6, (await Store.Tickets.ListAsync(t, new TicketQuery(Status: TicketStatus.New), PageRequest.First)).Items.Count);
        Assert.Equal(4, (await Store.Tickets.ListAsync(t, new TicketQuery(CustomerId: 1), PageRequest.First)).Items.Count);
        await Assert.ThrowsAsync<CrmValidationException>(() => Store.Tickets.CreateAsync(t, new TicketDraft(TicketKind.Inquiry, TicketPriority.Low, ""), "alice"));
        await Assert.ThrowsAsync<CrmValidationException>(() => Store.Tickets.CreateAsync(t, new TicketDraft(TicketKind.Inquiry, TicketPriority.Low, "x"), ""));
    }

    [Fact]
    public async Task No_ticket_call_reaches_another_tenants_tickets()
    {
        var a = Tenants.New("ticket-a");
        var b = Tenants.New("ticket-b");
        var id = await Store.Tickets.CreateAsync(a, new TicketDraft(TicketKind.Complaint, TicketPriority.Urgent, "A's"), "alice");

        Assert.Null(await Store.Tickets.GetAsync(b, id));
        Assert.Empty(await Store.Tickets.GetHistoryAsync(b, id));
        Assert.Empty((await Store.Tickets.ListAsync(b, new TicketQuery(), PageRequest.First)).Items);
        await Assert.ThrowsAsync<CrmNotFoundException>(() => Store.Tickets.AssignAsync(b, id, "mallory", "mallory"));
        await Assert.ThrowsAsync<CrmNotFoundException>(() => Store.Tickets.ChangeStatusAsync(b, id, TicketStatus.Cancelled, "mallory"));
        await Assert.ThrowsAsync<CrmNotFoundException>(() => Store.Tickets.CommentAsync(b, id, "mallory", "hi"));
        Clock.Advance(TimeSpan.FromDays(10));
        Assert.Empty(await Store.Tickets.EscalateDueAsync(b));
        Assert.Equal(3, (await Store.Tickets.EscalateDueAsync(a)).Single().EscalationLevel);
        Assert.Single(await Store.Tickets.GetHistoryAsync(a, id), h => h.Kind == TicketEventKind.Created);
    }
}
