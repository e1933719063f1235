using CallCenterSdk.Acd;
using CallCenterSdk.Acd.Statistics;

namespace CallCenterSdk.Hosting.Api;

/// <summary>An agent as the desk, the wallboard and the supervisor see it.</summary>
/// <param name="Id">Agent id.</param>
/// <param name="Name">Display name.</param>
/// <param name="Extension">SIP extension.</param>
/// <param name="State">State: logged-out, available, ringing, on-call, wrap-up, not-ready.</param>
/// <param name="Reason">Not-ready reason (break, lunch, supervisor...).</param>
/// <param name="Since">When the current state began.</param>
/// <param name="PhoneRegistered">Whether the agent's SIP phone is registered.</param>
/// <param name="Contacts">Contacts the agent is ringing for, talking to or wrapping up.</param>
public sealed record AgentView(string Id, string? Name, string Extension, string State, string? Reason, DateTimeOffset Since, bool PhoneRegistered, IReadOnlyList<string> Contacts);

/// <summary>Today's figures of a queue or tenant (the tenant's day, <see cref="Options.TenantOptions.TimeZone"/>), per the ACD's KPI formulas (docs/acd.md).</summary>
/// <param name="Offered">Contacts that entered.</param>
/// <param name="Answered">Contacts answered.</param>
/// <param name="Abandoned">Callers who left while waiting.</param>
/// <param name="ServiceLevel">Answered within the threshold over answered and abandoned (null when both are 0).</param>
/// <param name="AsaSeconds">Average speed of answer, seconds, from waits in whole milliseconds as the CDRs keep them (null when none was answered).</param>
/// <param name="AbandonRate">Abandon rate without short abandons (null without denominator).</param>
public sealed record TodayView(long Offered, long Answered, long Abandoned, double? ServiceLevel, double? AsaSeconds, double? AbandonRate)
{
    internal static TodayView From(QueueFigures f) => new(
        f.Offered, f.Answered, f.Abandoned, f.ServiceLevel(ServiceLevelVariant.AnsweredWithinOverAnsweredAndAbandoned),
        // Waits are whole milliseconds (QueueWaits): milliseconds over answered, then seconds, is the report's ASA
        // computed the same way (KpiFormulas), so the two are equal to the last bit.
        f.Answered > 0 ? f.TotalAnswerWait.TotalMilliseconds / f.Answered / 1000 : null, f.AbandonRate);
}

/// <summary>A queue in real time.</summary>
/// <param name="Id">Queue id.</param>
/// <param name="Name">Display name.</param>
/// <param name="Waiting">Contacts waiting (ringing offers included).</param>
/// <param name="LongestWaitSeconds">Wait of the oldest waiting contact.</param>
/// <param name="ExpectedWaitSeconds">Expected wait of a new contact.</param>
/// <param name="AgentsAvailable">Members available.</param>
/// <param name="AgentsBusy">Members ringing, on a contact or in wrap-up.</param>
/// <param name="AgentsNotReady">Members not ready.</param>
/// <param name="Today">Today's figures.</param>
public sealed record QueueView(string Id, string? Name, int Waiting, double LongestWaitSeconds, double ExpectedWaitSeconds, int AgentsAvailable, int AgentsBusy, int AgentsNotReady, TodayView Today);

/// <summary>A contact waiting in a queue.</summary>
/// <param name="Contact">Contact id.</param>
/// <param name="Queue">Queue id.</param>
/// <param name="Caller">Caller number, masked (<c>+*******4567</c>).</param>
/// <param name="Since">When it entered the queue.</param>
/// <param name="WaitSeconds">Wait so far.</param>
/// <param name="RingingAgent">The agent being offered the contact, if any.</param>
/// <param name="Vip">VIP caller.</param>
public sealed record WaitingContactView(string Contact, string Queue, string? Caller, DateTimeOffset Since, double WaitSeconds, string? RingingAgent, bool Vip);

/// <summary>Everything a wallboard shows.</summary>
/// <param name="Tenant">Tenant id.</param>
/// <param name="TenantName">Tenant name.</param>
/// <param name="At">When the view was taken.</param>
/// <param name="Queues">Queues.</param>
/// <param name="Waiting">Contacts waiting, longest first.</param>
/// <param name="Agents">Agents.</param>
/// <param name="Today">Today's figures over every queue.</param>
/// <param name="CallControl">Whether call control is available in this host.</param>
/// <param name="Day">The tenant's calendar date that "today" counts (in <paramref name="TimeZone"/>).</param>
/// <param name="TimeZone">The tenant's IANA time zone (<see cref="Options.TenantOptions.TimeZone"/>).</param>
/// <param name="DayStart">The instant the tenant's today began, from which <paramref name="Today"/> counts.</param>
public sealed record WallboardView(string Tenant, string TenantName, DateTimeOffset At, IReadOnlyList<QueueView> Queues, IReadOnlyList<WaitingContactView> Waiting, IReadOnlyList<AgentView> Agents, TodayView Today, bool CallControl, DateOnly Day, string TimeZone, DateTimeOffset DayStart);

/// <summary>Names of agent states on the wire.</summary>
public static class AgentStateNames
{
    /// <summary>The wire name of a state.</summary>
    public static string Of(AgentState state) => state switch
    {
        AgentState.LoggedOut => "logged-out",
        AgentState.Available => "available",
        AgentState.Reserved => "ringing",
        AgentState.OnContact => "on-call",
        AgentState.WrapUp => "wrap-up",
        AgentState.NotReady => "not-ready",
        _ => state.ToString(),
    };
}
