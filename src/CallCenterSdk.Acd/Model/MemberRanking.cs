namespace CallCenterSdk.Acd;

/// <summary>Whether a member's tier level and penalty rank it before the queue's strategy does.</summary>
public enum MemberRanking
{
    /// <summary>
    /// Lowest <see cref="QueueMembership.Level"/> first, then lowest <see cref="QueueMembership.Penalty"/>,
    /// then the strategy's own order (default). A member is considered only when no eligible member has a
    /// lower level, or the same level and a lower penalty: mod_callcenter orders every strategy by tier level,
    /// Asterisk rings the lowest penalty first. Weighted random ranks by level only, because its penalty is
    /// the draw weight (Asterisk wrandom); ring-all rings only the best rank that has an eligible member.
    /// </summary>
    LevelThenPenalty = 0,

    /// <summary>
    /// Only the strategy's own order. Levels still gate offers when <see cref="TierRules.Apply"/> is set,
    /// sequential-by-agent-order still sorts by level, and weighted random still weights by penalty.
    /// </summary>
    StrategyOnly = 1,
}
