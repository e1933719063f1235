namespace CallCenterSdk.Acd;

/// <summary>An agent's proficiency in one skill.</summary>
/// <param name="Skill">The skill.</param>
/// <param name="Level">Proficiency from 1 (novice) to 10 (expert).</param>
public readonly record struct SkillLevel(SkillId Skill, int Level)
{
    /// <summary>Lowest proficiency.</summary>
    public const int Min = 1;

    /// <summary>Highest proficiency.</summary>
    public const int Max = 10;
}
