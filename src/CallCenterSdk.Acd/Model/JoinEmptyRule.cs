namespace CallCenterSdk.Acd;

/// <summary>Whether a contact may join a queue that has no agents (Asterisk joinempty).</summary>
public enum JoinEmptyRule
{
    /// <summary>Always join (default).</summary>
    Join = 0,

    /// <summary>Overflow when no member agent is logged in.</summary>
    RejectWhenNoAgentLoggedIn = 1,

    /// <summary>Overflow when no member agent is logged in and ready (available, reserved, on contact or wrap-up).</summary>
    RejectWhenNoAgentReady = 2,
}
