namespace CallCenterSdk.Acd;

/// <summary>What happens when an agent does not take an offer (FreeSWITCH mod_callcenter semantics).</summary>
public sealed record MissedOfferPolicy
{
    /// <summary>The default policy.</summary>
    public static MissedOfferPolicy Default { get; } = new();

    /// <summary>Time the agent is not offered anything after an offer timed out (default 10 s).</summary>
    public TimeSpan NoAnswerDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Time the agent is not offered anything after answering busy (default 30 s).</summary>
    public TimeSpan BusyDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Time the agent is not offered anything after rejecting (default 10 s).</summary>
    public TimeSpan RejectDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Unanswered offers in a row after which <see cref="StateAfterMaxNoAnswer"/> applies (0 = never, default 3).</summary>
    public int MaxNoAnswer { get; init; } = 3;

    /// <summary><see cref="AgentState.NotReady"/> (reason max-no-answer, default) or <see cref="AgentState.LoggedOut"/>.</summary>
    public AgentState StateAfterMaxNoAnswer { get; init; } = AgentState.NotReady;
}
