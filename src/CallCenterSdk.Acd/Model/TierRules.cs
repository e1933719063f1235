namespace CallCenterSdk.Acd;

/// <summary>mod_callcenter tier rules: hold higher tier levels back until the contact has waited.</summary>
public sealed record TierRules
{
    /// <summary>No tier rules: every level is offered at once.</summary>
    public static TierRules None { get; } = new();

    /// <summary>Apply the rules (default false).</summary>
    public bool Apply { get; init; }

    /// <summary>Wait before offering to the next level (default 30 s).</summary>
    public TimeSpan Wait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Level L waits (L - 1) x <see cref="Wait"/> when true (default), else <see cref="Wait"/> for every level above 1.</summary>
    public bool MultiplyByLevel { get; init; } = true;

    /// <summary>Skip the wait for lower levels that have no available agent (default true).</summary>
    public bool NoAgentNoWait { get; init; } = true;
}
