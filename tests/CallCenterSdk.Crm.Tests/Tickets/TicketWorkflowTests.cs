using CallCenterSdk.Crm.Tickets;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CallCenterSdk.Crm.Tests.Tickets;

public sealed class TicketWorkflowTests
{
    [Theory]
    [InlineData(TicketStatus.New, TicketStatus.Assigned, true)]
    [InlineData(TicketStatus.New, TicketStatus.Resolved, false)]
    [InlineData(TicketStatus.InProgress, TicketStatus.WaitingOnCustomer, true)]
    [InlineData(TicketStatus.WaitingOnCustomer, TicketStatus.InProgress, true)]
    [InlineData(TicketStatus.Resolved, TicketStatus.InProgress, true)]
    [InlineData(TicketStatus.Resolved, TicketStatus.Cancelled, false)]
    [InlineData(TicketStatus.Closed, TicketStatus.InProgress, false)]
    [InlineData(TicketStatus.Cancelled, TicketStatus.New, false)]
    public void The_status_table_allows_only_the_documented_moves(TicketStatus from, TicketStatus to, bool allowed)
    {
        Assert.Equal(allowed, TicketWorkflow.CanMove(from, to));
        if (!allowed)
        {
            var e = Assert.Throws<TicketWorkflowException>(() => TicketWorkflow.EnsureCanMove(7, from, to));
            Assert.Equal($"ticket 7 cannot go from {from} to {to}", e.Message);
        }
    }

    [Fact]
    public void Terminal_states_have_no_way_out()
    {
        foreach (var to in Enum.GetValues<TicketStatus>())
        {
            Assert.False(TicketWorkflow.CanMove(TicketStatus.Closed, to));
            Assert.False(TicketWorkflow.CanMove(TicketStatus.Cancelled, to));
        }
    }

    [Fact]
    public void Escalation_policies_must_have_increasing_deadlines_for_every_priority()
    {
        Assert.Throws<ArgumentException>(() => new TicketEscalationPolicy(new Dictionary<TicketPriority, TimeSpan[]> { [TicketPriority.Low] = [TimeSpan.FromHours(1)] }));
        var all = Enum.GetValues<TicketPriority>().ToDictionary(p => p, _ => new[] { TimeSpan.FromHours(2), TimeSpan.FromHours(1) });
        Assert.Throws<ArgumentException>(() => new TicketEscalationPolicy(all));
    }

    [Property(MaxTest = 200)]
    public Property The_level_reached_never_decreases_with_time_and_never_exceeds_the_levels()
    {
        var gen = from p in Gen.Elements(Enum.GetValues<TicketPriority>())
                  from a in Gen.Choose(0, 400_000)
                  from b in Gen.Choose(0, 400_000)
                  select (p, Math.Min(a, b), Math.Max(a, b));
        return Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var policy = TicketEscalationPolicy.Default;
            var created = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
            var early = policy.LevelAt(x.p, created, created.AddSeconds(x.Item2));
            var late = policy.LevelAt(x.p, created, created.AddSeconds(x.Item3));
            var deadlineReached = early == 0 || policy.DeadlineOf(x.p, created, early) <= created.AddSeconds(x.Item2);
            return early <= late && late <= policy.Levels(x.p) && deadlineReached;
        });
    }
}
