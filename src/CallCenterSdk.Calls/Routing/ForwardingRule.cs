namespace CallCenterSdk.Calls.Routing;

/// <summary>When a call to an extension is forwarded.</summary>
public enum ForwardingCondition
{
    /// <summary>Always, without ringing the extension (call forwarding unconditional, CFU).</summary>
    Unconditional,

    /// <summary>When the extension is busy or declines (CFB).</summary>
    Busy,

    /// <summary>When the extension rings unanswered for <see cref="ForwardingRule.NoAnswerAfter"/>, or cannot be reached (CFNR).</summary>
    NoAnswer,
}

/// <summary>One forwarding rule of an extension, as data.</summary>
/// <param name="Condition">When it applies.</param>
/// <param name="Target">Where the call goes: another extension's number, or a SIP URI (sip:voicemail@10.0.0.9).</param>
public sealed record ForwardingRule(ForwardingCondition Condition, string Target)
{
    /// <summary>For <see cref="ForwardingCondition.NoAnswer"/>: how long the extension rings first (20 s by default).</summary>
    public TimeSpan NoAnswerAfter { get; init; } = TimeSpan.FromSeconds(20);
}
